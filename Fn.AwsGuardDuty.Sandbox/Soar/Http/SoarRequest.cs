using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>What a handler gets: the HTTP context, the caller, the org of the path (if any) and the route values.</summary>
internal sealed class SoarRequest(HttpContext http, SoarPrincipal? principal, SoarOrgState? org, Dictionary<string, string> values)
{
    public HttpContext Http { get; } = http;

    public SoarPrincipal? Principal { get; } = principal;

    public SoarPrincipal Caller => Principal ?? throw new InvalidOperationException("The route is anonymous.");

    public SoarOrgState Org => org ?? throw new InvalidOperationException("The route is not org-relative.");

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary><c>?handle_format=names</c> or the <c>handle_format: names</c> header (PATCH sends the header).</summary>
    public bool Names =>
        string.Equals(Http.Request.Query["handle_format"], "names", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Http.Request.Headers["handle_format"], "names", StringComparison.OrdinalIgnoreCase);

    public string Value(string name) => values[name];

    public long Id(string name) =>
        long.TryParse(values[name], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw SoarHttpException.BadRequest($"'{values[name]}' is not a valid {name}.");

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public Task<JToken?> BodyAsync() => SoarJson.ReadAsync(Http.Request, Aborted);

    public async Task<JObject> ObjectBodyAsync() =>
        await BodyAsync().ConfigureAwait(false) as JObject ?? throw SoarHttpException.BadRequest("The request body must be a JSON object.");
}
