using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary><c>{"field_name":..., "type":"asc"|"desc"}</c>.</summary>
public sealed record QuerySort(string FieldName, bool Descending = false)
{
    public JObject ToJson() => new() { ["field_name"] = FieldName, ["type"] = Descending ? "desc" : "asc" };
}
