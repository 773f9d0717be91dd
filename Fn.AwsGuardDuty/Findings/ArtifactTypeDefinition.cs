namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// An artifact type the mapper emits. <paramref name="ApiName"/> is what goes in <c>type.name</c>;
/// <paramref name="DisplayName"/> is the name the reference uses in descriptions and its refresh script.
/// Custom types are defined by the customization (guardduty-app.md §5.6); built-in ones have no uuid.
/// </summary>
public sealed record ArtifactTypeDefinition(
    string ApiName,
    string DisplayName,
    bool IsCustom,
    string? Description,
    string? Uuid);
