using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// One org: its customization, incidents and imports behind one lock. Tests read it through the public methods,
/// which copy under the lock; the endpoints use the internal members while holding <see cref="Gate"/>.
/// </summary>
public sealed class SoarOrgState
{
    private long _nextIncidentId = 2094;
    private long _nextChildId = 1;
    private int _nextImportId;

    internal SoarOrgState(SoarOrgOptions options, IEnumerable<string> requiredOnClose)
    {
        Options = options;
        Schema = new SoarSchema(requiredOnClose);
        SoarStandardSchema.Populate(Schema);
    }

    public SoarOrgOptions Options { get; }

    public int Id => Options.Id;

    internal Lock Gate { get; } = new();

    internal SoarSchema Schema { get; }

    internal Dictionary<long, SoarIncidentRecord> Incidents { get; } = [];

    internal Dictionary<int, SoarImportRecord> Imports { get; } = [];

    internal long NextIncidentId() => ++_nextIncidentId;

    /// <summary>Ids of artifacts, comments and rows (one sequence, as SOAR's are unique per org anyway).</summary>
    internal long NextChildId() => _nextChildId++;

    internal int NextImportId() => ++_nextImportId;

    public int IncidentCount
    {
        get
        {
            lock (Gate)
            {
                return Incidents.Count;
            }
        }
    }

    public SoarIncidentView? GetIncident(long id)
    {
        lock (Gate)
        {
            return Incidents.TryGetValue(id, out var record) ? SoarIncidentViews.Create(this, record) : null;
        }
    }

    public IReadOnlyList<SoarIncidentView> GetIncidents()
    {
        lock (Gate)
        {
            return Incidents.Values.OrderBy(r => r.Id).Select(r => SoarIncidentViews.Create(this, r)).ToList();
        }
    }

    /// <summary>Incidents whose custom field equals the given text (e.g. <c>aws_guardduty_finding_id</c>).</summary>
    public IReadOnlyList<SoarIncidentView> FindByProperty(string property, string value)
    {
        lock (Gate)
        {
            return Incidents.Values
                .Where(r => string.Equals(SoarValueCodec.AsText(r.Properties.GetValueOrDefault(property)), value, StringComparison.Ordinal))
                .OrderBy(r => r.Id)
                .Select(r => SoarIncidentViews.Create(this, r))
                .ToList();
        }
    }

    public IReadOnlyList<SoarImportView> GetImports()
    {
        lock (Gate)
        {
            return Imports.Values.OrderBy(i => i.Id).Select(i => i.ToView()).ToList();
        }
    }

    /// <summary>Reads the customization under the lock (field, table, function and playbook definitions are immutable once made).</summary>
    public T ReadSchema<T>(Func<SoarSchema, T> read)
    {
        lock (Gate)
        {
            return read(Schema);
        }
    }

    /// <summary>The users and API key handles allowed to consume a destination, or null when it does not exist.</summary>
    public (IReadOnlyList<int> Users, IReadOnlyList<int> ApiKeys)? GetDestinationGrants(string programmaticName)
    {
        lock (Gate)
        {
            return Schema.Destinations.TryGetValue(programmaticName, out var d) ? (d.Users.ToList(), d.ApiKeys.ToList()) : null;
        }
    }
}
