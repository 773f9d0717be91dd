using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>One rest-json call: the path already carries its escaped labels; the body is sent as JSON when present.</summary>
internal sealed record GuardDutyRequest(
    string Operation,
    string Region,
    HttpMethod Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>>? Query = null,
    JObject? Body = null)
{
    /// <summary>Path and query, query values RFC 3986-escaped.</summary>
    public string PathAndQuery()
    {
        if (Query is null || Query.Count == 0) return Path;
        return Path + "?" + string.Join('&',
            Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
