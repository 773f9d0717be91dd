using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>A group of conditions: <c>{"conditions":[...], "logic_type":"ALL"|"ANY"}</c>.</summary>
public sealed record QueryFilter(IReadOnlyList<QueryCondition> Conditions, QueryLogic Logic = QueryLogic.All)
{
    public JObject ToJson() => new()
    {
        ["conditions"] = new JArray(Conditions.Select(c => c.ToJson())),
        ["logic_type"] = Logic == QueryLogic.All ? "ALL" : "ANY",
    };
}
