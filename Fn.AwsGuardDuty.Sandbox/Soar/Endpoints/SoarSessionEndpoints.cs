using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary><c>/rest/session</c> (both auth modes), <c>/rest/const</c> and <c>/rest/orgs/{org}</c>.</summary>
internal sealed class SoarSessionEndpoints(SoarEmulatorOptions options, SoarEmulatorState state, SoarAuthenticator authenticator, SoarSessionStore sessions)
{
    public IEnumerable<SoarRoute> Routes() =>
    [
        new("GET", "/rest/session", GetSession),
        new("POST", "/rest/session", Login, anonymous: true),
        new("DELETE", "/rest/session", Logout),
        new("GET", "/rest/const", GetConst),
        new("GET", "/rest/orgs/{org}", GetOrg),
    ];

    public static JObject OrgJson(SoarOrgOptions org) => new()
    {
        ["id"] = org.Id,
        ["name"] = org.Name,
        ["uuid"] = org.Uuid,
        ["cloud_account"] = org.CloudAccount,
        ["enabled"] = org.Enabled,
        ["actions_framework_enabled"] = org.ActionsFrameworkEnabled,
        ["timezone"] = "UTC",
        ["perms"] = new JObject { ["administrator"] = true, ["observer"] = false, ["master_administrator"] = false },
        ["effective_permissions"] = new JArray(),
        ["role_handles"] = new JArray(),
    };

    private Task<SoarResult> GetSession(SoarRequest request)
    {
        var csrf = request.Http.Request.Headers["X-sess-id"].ToString();
        return Task.FromResult(SoarResult.Ok(SessionJson(request.Caller, csrf.Length > 0 ? csrf : null, request.Http)));
    }

    private async Task<SoarResult> Login(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var email = body["email"]?.Type == JTokenType.String ? body["email"]!.Value<string>() : null;
        var password = body["password"]?.Type == JTokenType.String ? body["password"]!.Value<string>() : null;
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            throw SoarHttpException.BadRequest("The login body needs \"email\" and \"password\".");
        }

        var principal = authenticator.FromPassword(email, password) ?? throw new SoarHttpException(401, "Invalid email address or password.");
        var session = sessions.Open(principal);
        request.Http.Response.Cookies.Append(SoarAuthenticator.SessionCookie, session.SessionId, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = request.Http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
        });
        return SoarResult.Ok(SessionJson(principal, session.CsrfToken, request.Http));
    }

    private Task<SoarResult> Logout(SoarRequest request)
    {
        if (request.Http.Request.Cookies.TryGetValue(SoarAuthenticator.SessionCookie, out var id) && id is not null)
        {
            sessions.Close(id);
        }

        return Task.FromResult(SoarResult.Ok(new JObject { ["success"] = true }));
    }

    private Task<SoarResult> GetConst(SoarRequest request)
    {
        var v = options.ServerVersion;
        return Task.FromResult(SoarResult.Ok(new JObject
        {
            ["server_version"] = new JObject
            {
                ["major"] = v.Major,
                ["minor"] = v.Minor,
                ["build_number"] = Math.Max(v.Build, 0) * 1000 + Math.Max(v.Revision, 0),
                ["version"] = v.ToString(),
            },
            ["max_artifacts"] = 5000,
            ["incident_severities"] = new JArray(),
        }));
    }

    private Task<SoarResult> GetOrg(SoarRequest request) => Task.FromResult(SoarResult.Ok(OrgJson(request.Org.Options)));

    private JObject SessionJson(SoarPrincipal principal, string? csrf, HttpContext http)
    {
        var json = new JObject
        {
            ["orgs"] = new JArray(state.Orgs.Where(o => principal.OrgIds.Contains(o.Id)).OrderBy(o => o.Id).Select(o => OrgJson(o.Options))),
            ["session_ip"] = http.Connection.RemoteIpAddress?.ToString(),
            ["is_saml"] = false,
            ["saml_alias"] = null,
            ["is_ldap"] = false,
        };
        if (principal.User is { } user)
        {
            json["user_id"] = user.UserId;
            json["user_fname"] = user.FirstName;
            json["user_lname"] = user.LastName;
            json["user_email"] = user.Email;
            json["csrf_token"] = csrf;
        }
        else
        {
            json["api_key_handle"] = principal.ApiKey!.Handle;
            json["api_key_name"] = principal.ApiKey.Name;
        }

        return json;
    }
}
