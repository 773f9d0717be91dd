using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>One <c>{"field_name","method","value"}</c> condition. Build them with <see cref="SoarFilter"/>.</summary>
public sealed record QueryCondition(string FieldName, string Method, JToken? Value)
{
    public JObject ToJson()
    {
        var json = new JObject { ["field_name"] = FieldName, ["method"] = Method };
        if (Value is not null)
        {
            json["value"] = Value.DeepClone();
        }

        return json;
    }
}
