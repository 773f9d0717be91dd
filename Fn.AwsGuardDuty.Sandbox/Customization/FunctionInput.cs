namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// A function input field (<c>__function/&lt;name&gt;</c>, type_id 11). <paramref name="ReferenceUuid"/> is the
/// reference export's uuid where guardduty-app.md §5.3 gives it; other inputs get a <see cref="StableUuid"/>.
/// <paramref name="SelectValues"/> are the option labels of a select input.
/// </summary>
public sealed record FunctionInput(
    string Name,
    string InputType,
    string Tooltip,
    string? ReferenceUuid = null,
    IReadOnlyList<string>? SelectValues = null)
{
    public string Uuid => ReferenceUuid ?? StableUuid.For("field/__function/" + Name);

    public IReadOnlyList<string> Values => SelectValues ?? [];
}
