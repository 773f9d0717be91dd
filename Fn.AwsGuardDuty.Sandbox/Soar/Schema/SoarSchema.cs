namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>
/// An org's customization: incident fields, function inputs, data tables, artifact types, message destinations,
/// functions, playbooks and scripts. Guarded by the owning org's lock; never touched without it.
/// </summary>
public sealed class SoarSchema
{
    private int _nextId = 1000;

    public SoarSchema(IEnumerable<string> requiredOnClose)
    {
        RequiredOnClose = new HashSet<string>(requiredOnClose, StringComparer.Ordinal);
    }

    /// <summary>Standard and custom incident fields by API name.</summary>
    public Dictionary<string, SoarFieldDefinition> IncidentFields { get; } = new(StringComparer.Ordinal);

    /// <summary><c>__function</c> input fields by API name.</summary>
    public Dictionary<string, SoarFieldDefinition> FunctionFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields of playbook activation forms, by uuid.</summary>
    public Dictionary<string, SoarFieldDefinition> PlaybookFields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SoarDataTableDefinition> Tables { get; } = new(StringComparer.Ordinal);

    public List<SoarArtifactType> ArtifactTypes { get; } = [];

    public Dictionary<string, SoarMessageDestination> Destinations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SoarFunctionDefinition> Functions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SoarPlaybook> Playbooks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SoarLocalScript> Scripts { get; } = new(StringComparer.Ordinal);

    /// <summary>Canonical JSON of every imported object, keyed "kind:api name", to tell added, changed and unchanged apart.</summary>
    public Dictionary<string, string> Fingerprints { get; } = new(StringComparer.Ordinal);

    public HashSet<string> RequiredOnClose { get; }

    public int NextId() => ++_nextId;

    public string? EffectiveRequired(SoarFieldDefinition field) =>
        field.TypeName == "incident" && RequiredOnClose.Contains(field.Name) ? "close" : field.Required;

    public SoarFieldDefinition? FindIncidentField(string name)
    {
        if (name.StartsWith("properties.", StringComparison.Ordinal))
        {
            return IncidentFields.TryGetValue(name["properties.".Length..], out var custom) && custom.IsCustom ? custom : null;
        }

        return IncidentFields.GetValueOrDefault(name);
    }

    public SoarArtifactType? FindArtifactType(string token) =>
        ArtifactTypes.FirstOrDefault(t => string.Equals(t.ProgrammaticName, token, StringComparison.OrdinalIgnoreCase))
        ?? ArtifactTypes.FirstOrDefault(t => t.Matches(token));

    public SoarArtifactType? FindArtifactType(long id) => ArtifactTypes.FirstOrDefault(t => t.Id == id);

    public SoarMessageDestination? FindDestination(int id) => Destinations.Values.FirstOrDefault(d => d.Id == id);

    public bool HasFieldUuid(string uuid) =>
        IncidentFields.Values.Any(f => f.Uuid == uuid) || FunctionFields.Values.Any(f => f.Uuid == uuid) || PlaybookFields.ContainsKey(uuid);

    public IEnumerable<SoarLocalScript> AllScripts() => Scripts.Values.Concat(Playbooks.Values.SelectMany(p => p.LocalScripts));
}
