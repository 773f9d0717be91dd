using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>One change of a PATCH: <c>{"field", "old_value":{"object":v}, "new_value":{"object":v}}</c>; custom fields by bare api name.</summary>
public sealed record PatchChange(string Field, JToken? OldValue, JToken? NewValue)
{
    public JObject ToJson() => new()
    {
        ["field"] = Field,
        ["old_value"] = new JObject { ["object"] = OldValue?.DeepClone() ?? JValue.CreateNull() },
        ["new_value"] = new JObject { ["object"] = NewValue?.DeepClone() ?? JValue.CreateNull() },
    };
}
