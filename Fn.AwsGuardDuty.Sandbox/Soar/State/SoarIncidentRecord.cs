namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// An incident as the emulator stores it: normalized values (string, long, double, bool, long[] or null) keyed by
/// field name, so 10,000 incidents with their rows stay small. Only touched under the org's lock.
/// </summary>
internal sealed class SoarIncidentRecord
{
    public required long Id { get; init; }

    public int Vers { get; set; } = 1;

    public required long CreateDate { get; init; }

    public long LastModified { get; set; }

    public int CreatorId { get; init; }

    /// <summary>Standard fields (name, description, plan_status, severity_code, resolution_id, ...).</summary>
    public Dictionary<string, object?> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom fields (<c>properties.*</c>).</summary>
    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public List<SoarArtifactRecord> Artifacts { get; } = [];

    public List<SoarCommentRecord> Comments { get; } = [];

    /// <summary>Rows by table API name; created on first use.</summary>
    public Dictionary<string, List<SoarTableRowRecord>>? Tables { get; set; }

    public string PlanStatus => Fields.GetValueOrDefault("plan_status") as string ?? "A";

    /// <summary>The value of a standard field, a system field or <c>properties.&lt;name&gt;</c>.</summary>
    public object? GetValue(string name, bool custom) => custom
        ? Properties.GetValueOrDefault(name)
        : name switch
        {
            "id" => Id,
            "vers" => (long)Vers,
            "create_date" => CreateDate,
            "inc_last_modified_date" => LastModified,
            "creator_id" => (long)CreatorId,
            _ => Fields.GetValueOrDefault(name),
        };
}
