using System.Runtime.CompilerServices;
using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Walks a <c>query_paged</c> endpoint with <c>start</c>/<c>length</c>. Stops on an empty page or when
/// <c>recordsFiltered</c> is reached, and refuses to loop when the server ignores <c>start</c>.
/// </summary>
internal static class QueryPager
{
    public static async Task<QueryPage> PageAsync(SoarConnection connection, string path, QueryRequest query, int start, int length, CancellationToken cancellationToken)
    {
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "start must not be negative");
        }

        if (length is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "length must be 1-10000");
        }

        var json = await connection.SendJsonAsync(SoarRequest.Query(path, query.ToJson(start, length)), cancellationToken).ConfigureAwait(false);
        return QueryPage.Parse(json, "POST " + path);
    }

    public static async IAsyncEnumerable<JObject> EnumerateAsync(
        SoarConnection connection, string path, QueryRequest query, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = 0;
        string? previousFirst = null;
        while (true)
        {
            var page = await PageAsync(connection, path, query, start, pageSize, cancellationToken).ConfigureAwait(false);
            if (page.Data.Count == 0)
            {
                yield break;
            }

            var first = page.Data[0].ToString(Newtonsoft.Json.Formatting.None);
            if (start > 0 && first == previousFirst)
            {
                throw new SoarProtocolException($"SOAR POST {path} returned the same page again for start={start}; it ignores paging");
            }

            previousFirst = first;
            foreach (var item in page.Data)
            {
                yield return item;
            }

            start += page.Data.Count;
            if (page.RecordsFiltered is { } filtered && start >= filtered)
            {
                yield break;
            }
        }
    }
}
