namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// A consistent copy of an incident taken under the org's lock, for tests and for hooks. Select fields appear by
/// name (severity "Low", resolution "Resolved"); dates are epoch milliseconds.
/// </summary>
public sealed record SoarIncidentView
{
    public required int OrgId { get; init; }

    public required long Id { get; init; }

    public required int Vers { get; init; }

    public required string? Name { get; init; }

    public required string PlanStatus { get; init; }

    public required string? SeverityCode { get; init; }

    public required string? ResolutionId { get; init; }

    public required string? ResolutionSummary { get; init; }

    public required long CreateDate { get; init; }

    /// <summary>Every standard field by API name, select fields by name.</summary>
    public required IReadOnlyDictionary<string, object?> Fields { get; init; }

    public required IReadOnlyDictionary<string, object?> Properties { get; init; }

    public required IReadOnlyList<SoarArtifactView> Artifacts { get; init; }

    public required IReadOnlyList<SoarCommentView> Comments { get; init; }

    /// <summary>Rows by table API name (tables without rows are absent).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<SoarTableRowView>> Tables { get; init; }

    public bool IsClosed => PlanStatus == "C";

    public IReadOnlyList<SoarTableRowView> Rows(string table) => Tables.GetValueOrDefault(table) ?? [];
}
