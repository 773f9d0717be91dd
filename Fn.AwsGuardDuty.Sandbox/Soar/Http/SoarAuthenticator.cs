using System.Text;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>
/// Checks every request: HTTP Basic with an API key id and secret, or an email/password session (the
/// <c>JSESSIONID</c> cookie together with the matching <c>X-sess-id</c> header). Anything else is a 401.
/// </summary>
internal sealed class SoarAuthenticator(SoarEmulatorOptions options, SoarSessionStore sessions)
{
    public const string SessionCookie = "JSESSIONID";

    public SoarPrincipal? Authenticate(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return FromBasic(authorization["Basic ".Length..].Trim());
        }

        var csrf = request.Headers["X-sess-id"].ToString();
        if (csrf.Length > 0 && request.Cookies.TryGetValue(SessionCookie, out var sessionId) && sessionId is not null)
        {
            return sessions.Find(sessionId, csrf)?.Principal;
        }

        return null;
    }

    public SoarPrincipal? FromPassword(string email, string password)
    {
        var user = options.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        return user is not null && SoarSessionStore.FixedTimeEquals(user.Password, password) ? ForUser(user) : null;
    }

    private SoarPrincipal? FromBasic(string encoded)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var id = decoded[..colon];
        var secret = decoded[(colon + 1)..];
        var key = options.ApiKeys.FirstOrDefault(k => k.Id == id);
        return key is not null && SoarSessionStore.FixedTimeEquals(key.Secret, secret)
            ? new SoarPrincipal(key, null, Orgs(key.OrgIds))
            : null;
    }

    private SoarPrincipal ForUser(SoarUserOptions user) => new(null, user, Orgs(user.OrgIds));

    private HashSet<int> Orgs(IList<int> ids) => ids.Count == 0 ? options.Orgs.Select(o => o.Id).ToHashSet() : ids.ToHashSet();
}
