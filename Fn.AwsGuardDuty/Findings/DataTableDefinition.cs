namespace Fn.AwsGuardDuty.Findings;

/// <summary>A data table of the customization (guardduty-app.md §3.6 and §5.5). <paramref name="Uuid"/> is null where the reference's was not captured.</summary>
public sealed record DataTableDefinition(
    string Name,
    string DisplayName,
    string? Uuid,
    IReadOnlyList<DataTableColumn> Columns);
