using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>One page of <c>query_paged</c>: <c>{recordsTotal, recordsFiltered, data}</c>.</summary>
public sealed record QueryPage(long? RecordsTotal, long? RecordsFiltered, IReadOnlyList<JObject> Data)
{
    internal static QueryPage Parse(JToken? json, string what)
    {
        if (json is not JObject obj || obj["data"] is not JArray data)
        {
            throw new SoarProtocolException($"SOAR {what} returned no 'data' list");
        }

        return new QueryPage(ReadCount(obj, "recordsTotal"), ReadCount(obj, "recordsFiltered"), data.OfType<JObject>().ToList());
    }

    private static long? ReadCount(JObject obj, string name) =>
        obj[name] is { Type: JTokenType.Integer } value ? value.Value<long>() : null;
}
