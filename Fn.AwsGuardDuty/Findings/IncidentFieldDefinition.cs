namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// An incident custom field of the customization (guardduty-app.md §5.4).
/// <paramref name="SourcePath"/> is where the mapper reads it in the finding (empty for fields only the poller writes).
/// </summary>
public sealed record IncidentFieldDefinition(
    string Name,
    string InputType,
    string Label,
    string Tooltip,
    string Uuid,
    IReadOnlyList<string> SourcePath);
