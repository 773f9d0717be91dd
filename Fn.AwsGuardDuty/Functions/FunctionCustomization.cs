namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// What the SOAR customization (customize/export.res) says about one function: its api name, display name,
/// description and input fields in view-item order. <paramref name="ReferenceUuid"/> is IBM's uuid for the function
/// where the reference export has one (guardduty-app.md §5.3); the export generator derives the others.
/// </summary>
public sealed record FunctionCustomization(
    string Name,
    string DisplayName,
    string Description,
    IReadOnlyList<string> Inputs,
    string? ReferenceUuid = null);
