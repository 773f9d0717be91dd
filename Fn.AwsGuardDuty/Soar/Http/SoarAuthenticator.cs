using System.Net;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Logs in (API key: GET /rest/session with Basic; email/password: POST /rest/session, then X-sess-id + cookies),
/// selects the org, reads <c>actions_framework_enabled</c>, and re-logs in when a session goes stale. One login at a time.
/// </summary>
internal sealed class SoarAuthenticator : IDisposable
{
    private const string SessionPath = "/rest/session?include_permissions=false";

    private readonly SoarClientOptions _options;
    private readonly SoarHttp _http;
    private readonly SoarCallCounters _counters;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuthState? _current;

    public SoarAuthenticator(SoarClientOptions options, SoarHttp http, SoarCallCounters counters, ILogger logger)
    {
        _options = options;
        _http = http;
        _counters = counters;
        _logger = logger;
        if (!options.UsesApiKey)
        {
            logger.LogWarning("SOAR authentication by email/password is deprecated; configure api_key_id and api_key_secret instead");
        }
    }

    public SoarAuthMode Mode => _options.UsesApiKey ? SoarAuthMode.ApiKey : SoarAuthMode.EmailPassword;

    public AuthState? Current => Volatile.Read(ref _current);

    public async Task<AuthState> GetAsync(CancellationToken cancellationToken)
    {
        return Current ?? await LoginAsync(stale: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs in again unless another caller already replaced <paramref name="stale"/>.</summary>
    public Task<AuthState> RenewAsync(AuthState stale, CancellationToken cancellationToken) => LoginAsync(stale, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task<AuthState> LoginAsync(AuthState? stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            if (current is not null && !ReferenceEquals(current, stale))
            {
                return current;
            }

            if (stale is not null)
            {
                _logger.LogInformation("SOAR session no longer accepted; logging in again");
            }

            _counters.CountLogin();
            var fresh = Mode == SoarAuthMode.ApiKey
                ? await LoginWithApiKeyAsync(cancellationToken).ConfigureAwait(false)
                : await LoginWithPasswordAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            _logger.LogInformation("SOAR login as {Who} succeeded: org '{Org}' (id {OrgId}), actions framework {Actions}",
                Who(), fresh.Session.Org.Name, fresh.Session.OrgId, fresh.Session.ActionsFrameworkEnabled ? "enabled" : "disabled");
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AuthState> LoginWithApiKeyAsync(CancellationToken cancellationToken)
    {
        var headers = AuthHeaders.ForApiKey(_options.ApiKeyId!, _options.ApiKeySecret!);
        var request = SoarRequest.Get(SessionPath, SoarScope.Absolute) with { SensitiveResponse = true };
        var response = await _http.SendAsync(request, SessionPath, headers, cancellationToken).ConfigureAwait(false);
        var session = EnsureLoggedIn(response, "GET");
        return await CompleteAsync(headers, session, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuthState> LoginWithPasswordAsync(CancellationToken cancellationToken)
    {
        var body = new JObject { ["email"] = _options.Email, ["password"] = _options.Password };
        var request = SoarRequest.Post(SessionPath, body, SoarScope.Absolute) with
        {
            RepeatablePost = true,
            SensitiveBody = true,
            SensitiveResponse = true,
        };
        var response = await _http.SendAsync(request, SessionPath, AuthHeaders.None, cancellationToken).ConfigureAwait(false);
        var session = EnsureLoggedIn(response, "POST");
        var csrf = session.Value<string>("csrf_token");
        if (string.IsNullOrEmpty(csrf))
        {
            throw new SoarProtocolException("SOAR's POST /rest/session answer has no csrf_token");
        }

        var headers = AuthHeaders.ForSession(csrf, CookieHeader(response.SetCookies));
        return await CompleteAsync(headers, session, cancellationToken).ConfigureAwait(false);
    }

    private JObject EnsureLoggedIn(SoarResponse response, string method)
    {
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SoarAuthenticationException(
                $"SOAR at {_http.BaseUrl} rejected the login as {Who()} (HTTP {(int)response.Status}); check the credentials",
                (int)response.Status);
        }

        if (!response.IsSuccess)
        {
            // The login answer may echo session details; quote nothing from it.
            throw new SoarHttpException(method, "/rest/session", response.Status, null, response.Attempts);
        }

        return response.Json("/rest/session") as JObject
            ?? throw new SoarProtocolException("SOAR's /rest/session answer is not a JSON object");
    }

    private async Task<AuthState> CompleteAsync(AuthHeaders headers, JObject session, CancellationToken cancellationToken)
    {
        var orgs = OrgSelector.ReadOrgs(session);
        var org = OrgSelector.Select(orgs, _options.Org);
        var orgPath = $"/rest/orgs/{org.Id}";
        var response = await _http.SendAsync(SoarRequest.Get(orgPath, SoarScope.Absolute), orgPath, headers, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SoarAuthenticationException(
                $"SOAR accepted the login as {Who()} but refused GET {orgPath} (HTTP {(int)response.Status})", (int)response.Status);
        }

        if (!response.IsSuccess)
        {
            throw new SoarHttpException("GET", orgPath, response.Status, response.ServerMessage(), response.Attempts);
        }

        var orgDetails = response.Json(orgPath) as JObject;
        var actions = orgDetails?["actions_framework_enabled"] is { Type: JTokenType.Boolean } flag && flag.Value<bool>();
        var sessionInfo = new SoarSession(
            Mode,
            org,
            actions,
            ReadLong(session, "api_key_handle"),
            ReadLong(session, "user_id"),
            orgs);
        return new AuthState(headers, sessionInfo);
    }

    private string Who() => Mode == SoarAuthMode.ApiKey ? $"API key id '{_options.ApiKeyId}'" : $"'{_options.Email}'";

    private static long? ReadLong(JObject obj, string name) =>
        obj[name] is { Type: JTokenType.Integer } value ? value.Value<long>() : null;

    /// <summary>Turns the login's Set-Cookie headers into one Cookie header (JSESSIONID and any load-balancer cookies).</summary>
    internal static string? CookieHeader(IReadOnlyList<string> setCookies)
    {
        var pairs = new List<string>();
        foreach (var header in setCookies)
        {
            var pair = header.Split(';', 2)[0].Trim();
            if (pair.Contains('=', StringComparison.Ordinal))
            {
                pairs.Add(pair);
            }
        }

        return pairs.Count == 0 ? null : string.Join("; ", pairs);
    }
}
