namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// A SOAR function of the customization, on destination fn_aws_gd. <paramref name="Inputs"/> are input field names
/// in view-item order; <paramref name="ReferenceUuid"/> is the reference export's uuid where the spec gives it.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    string DisplayName,
    string Description,
    IReadOnlyList<string> Inputs,
    string? ReferenceUuid = null)
{
    public string Uuid => ReferenceUuid ?? StableUuid.For("function/" + Name);
}
