using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;

/// <summary>Pages a list of ids kept in a fixed order, with a cursor on the last id returned.</summary>
internal static class IdPager
{
    public static (IReadOnlyList<string> Page, string? NextToken) Page(
        IReadOnlyList<string> orderedIds, int maxResults, string? nextToken, string queryHash, PageTokenCodec codec)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(nextToken))
        {
            var cursor = codec.Decode(nextToken, queryHash);
            var lastId = cursor.Value<string>("i") ?? throw GuardDutyErrors.InvalidParameter("nextToken");
            var position = orderedIds.ToList().IndexOf(lastId);

            // The item the cursor points at may have been deleted since: resume after the ids that sort before it.
            start = position >= 0 ? position + 1 : orderedIds.Count(id => string.CompareOrdinal(id, lastId) < 0);
        }

        var page = orderedIds.Skip(start).Take(maxResults).ToList();
        var more = start + page.Count < orderedIds.Count;
        return (page, more && page.Count > 0 ? codec.Encode(queryHash, new JObject { ["i"] = page[^1] }) : null);
    }
}
