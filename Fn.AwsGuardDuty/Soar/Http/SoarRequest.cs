using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>One logical REST call; the path (with its query string) is relative to its <see cref="Scope"/>.</summary>
internal sealed record SoarRequest(HttpMethod Method, string Path)
{
    public SoarScope Scope { get; init; } = SoarScope.Org;

    public JToken? Body { get; init; }

    /// <summary>Send the <c>handle_format: names</c> header (always on PATCH, as the Python client does).</summary>
    public bool HandleFormatNamesHeader { get; init; }

    /// <summary>A POST that may be repeated safely (a query, login); other POSTs write, and retry only when SOAR certainly did not act (429, never sent).</summary>
    public bool RepeatablePost { get; init; }

    /// <summary>The body holds a secret (login): never logged, not even at Trace.</summary>
    public bool SensitiveBody { get; init; }

    /// <summary>The response holds a secret (csrf token): never logged and never quoted in errors.</summary>
    public bool SensitiveResponse { get; init; }

    /// <summary>Which failures the transport repeats; <see cref="SoarRetryPolicy.SafeOnly"/> for creates the caller de-duplicates itself.</summary>
    public SoarRetryPolicy RetryPolicy { get; init; } = SoarRetryPolicy.Default;

    public bool IsIdempotent => Method != HttpMethod.Post || RepeatablePost;

    public static SoarRequest Get(string path, SoarScope scope = SoarScope.Org) => new(HttpMethod.Get, path) { Scope = scope };

    public static SoarRequest Post(string path, JToken? body, SoarScope scope = SoarScope.Org) => new(HttpMethod.Post, path) { Scope = scope, Body = body };

    /// <summary>A POST that only reads (<c>query</c>, <c>query_paged</c>): repeated like a GET.</summary>
    public static SoarRequest Query(string path, JToken? body) => new(HttpMethod.Post, path) { Body = body, RepeatablePost = true };

    public static SoarRequest Put(string path, JToken? body) => new(HttpMethod.Put, path) { Body = body };

    public static SoarRequest Delete(string path) => new(HttpMethod.Delete, path);

    public static SoarRequest Patch(string path, JToken body) => new(HttpMethod.Patch, path) { Body = body, HandleFormatNamesHeader = true };
}
