namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>A field of the incident type that must have a value on close (<c>"required": "close"</c>).</summary>
public sealed record RequiredField(string Name, string? Label, bool IsCustom)
{
    /// <summary>How a close template may spell it: <c>name</c>, or <c>properties.name</c> for custom fields.</summary>
    public bool IsGivenBy(IEnumerable<string> templateKeys) =>
        templateKeys.Any(k => k == Name || k == "properties." + Name);
}
