using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>The body of <c>query</c>/<c>query_paged</c>: filters and sorts; paging is added by the client.</summary>
public sealed record QueryRequest
{
    public IReadOnlyList<QueryFilter> Filters { get; init; } = [];

    public IReadOnlyList<QuerySort> Sorts { get; init; } = [];

    /// <summary>One ALL-filter of these conditions.</summary>
    public static QueryRequest Where(params QueryCondition[] conditions) => new() { Filters = [SoarFilter.All(conditions)] };

    public QueryRequest OrderBy(string field, bool descending = false) => this with { Sorts = [.. Sorts, new QuerySort(field, descending)] };

    public JObject ToJson(int? start = null, int? length = null)
    {
        var json = new JObject { ["filters"] = new JArray(Filters.Select(f => f.ToJson())) };
        if (Sorts.Count > 0)
        {
            json["sorts"] = new JArray(Sorts.Select(s => s.ToJson()));
        }

        if (start is { } s0)
        {
            json["start"] = s0;
        }

        if (length is { } l)
        {
            json["length"] = l;
        }

        return json;
    }
}
