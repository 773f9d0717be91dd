using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Model;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// Reads the ids of a paginated list operation from a start token, up to an optional total. Each page asks for no more
/// than the ids still wanted (at most 50), so the service's <c>nextToken</c> after the last page read points exactly at
/// the first id not returned: a caller that passes it back continues without gaps or repeats.
/// </summary>
public static class PagedIdReader
{
    public delegate Task<GuardDutyPage<string>> PageReader(string? nextToken, int pageSize, CancellationToken cancellationToken);

    /// <returns>The ids and the token of the next page (null when the listing is complete).</returns>
    public static async Task<(IReadOnlyList<string> Ids, string? NextToken)> ReadAsync(
        PageReader readPage, string? startToken, int? total, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var token = startToken;
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var pageSize = total is { } cap ? Math.Min(GuardDutyClient.MaxPageSize, cap - ids.Count) : GuardDutyClient.MaxPageSize;
            var page = await readPage(token, pageSize, cancellationToken).ConfigureAwait(false);
            ids.AddRange(page.Items);
            token = page.NextToken;
            if (token is not null && !seenTokens.Add(token))
                throw new GuardDutyResponseException("GuardDuty returned the same nextToken twice; the listing was stopped.");
        }
        while (token is not null && (total is null || ids.Count < total));

        return (ids, token);
    }
}
