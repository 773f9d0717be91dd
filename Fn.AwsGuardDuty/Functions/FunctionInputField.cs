namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// A function input field of the customization (<c>__function/&lt;name&gt;</c>): SOAR input type, tooltip, IBM's uuid
/// where the reference export gives one, and the option labels of a select input.
/// </summary>
public sealed record FunctionInputField(
    string Name,
    string InputType,
    string Tooltip,
    string? ReferenceUuid = null,
    IReadOnlyList<string>? SelectValues = null)
{
    public IReadOnlyList<string> Values => SelectValues ?? [];
}
