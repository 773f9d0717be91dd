using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// A logged-in view of <see cref="SoarHttp"/>: roots org-relative paths at <c>/rest/orgs/{id}</c>, re-authenticates
/// once on a 401, and turns error statuses into <see cref="SoarHttpException"/>.
/// </summary>
internal sealed class SoarConnection
{
    private readonly SoarHttp _http;
    private readonly SoarAuthenticator _auth;

    public SoarConnection(SoarHttp http, SoarAuthenticator auth)
    {
        _http = http;
        _auth = auth;
    }

    public async Task<SoarSession> GetSessionAsync(CancellationToken cancellationToken) =>
        (await _auth.GetAsync(cancellationToken).ConfigureAwait(false)).Session;

    /// <summary>Sends the request and returns any status except 401 (which re-logs in once, then throws).</summary>
    public async Task<SoarResponse> SendAsync(SoarRequest request, CancellationToken cancellationToken)
    {
        var state = await _auth.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await _http.SendAsync(request, FullPath(request, state), state.Headers, cancellationToken).ConfigureAwait(false);
        if (response.Status != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        state = await _auth.RenewAsync(state, cancellationToken).ConfigureAwait(false);
        var path = FullPath(request, state);
        response = await _http.SendAsync(request, path, state.Headers, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.Unauthorized)
        {
            throw new SoarAuthenticationException(
                $"SOAR answered 401 to {request.Method} {path} again right after a fresh login; the account may lack this permission or the credentials were revoked",
                401);
        }

        return response;
    }

    /// <summary>Sends and returns the JSON body; statuses outside 2xx become <see cref="SoarHttpException"/>.</summary>
    public async Task<JToken?> SendJsonAsync(SoarRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(request, response);
        return response.Json($"{request.Method} {request.Path}");
    }

    /// <summary>Sends and returns the <c>id</c> of the JSON object SOAR answers with (null when it has none), without building the object.</summary>
    public async Task<long?> SendForIdAsync(SoarRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(request, response);
        return response.ObjectId($"{request.Method} {request.Path}");
    }

    public async Task<JObject> SendObjectAsync(SoarRequest request, CancellationToken cancellationToken)
    {
        var json = await SendJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return json as JObject
            ?? throw new SoarProtocolException($"SOAR {request.Method} {request.Path} returned {Describe(json)} where an object was expected");
    }

    public static void EnsureSuccess(SoarRequest request, SoarResponse response)
    {
        if (!response.IsSuccess)
        {
            throw new SoarHttpException(request.Method.Method, request.Path, response.Status,
                request.SensitiveResponse ? null : response.ServerMessage(), response.Attempts);
        }
    }

    public static string Describe(JToken? json) => json is null ? "an empty body" : $"a JSON {json.Type.ToString().ToLowerInvariant()}";

    private static string FullPath(SoarRequest request, AuthState state) =>
        request.Scope == SoarScope.Absolute ? "/rest" + request.Path : $"/rest/orgs/{state.Session.OrgId}{request.Path}";
}
