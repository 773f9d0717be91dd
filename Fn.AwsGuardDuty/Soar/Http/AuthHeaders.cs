using System.Net.Http.Headers;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>The credentials one request carries: Basic for API keys; X-sess-id plus the session cookie for email/password.</summary>
internal sealed class AuthHeaders
{
    private readonly AuthenticationHeaderValue? _basic;
    private readonly string? _csrfToken;
    private readonly string? _cookie;

    private AuthHeaders(AuthenticationHeaderValue? basic, string? csrfToken, string? cookie)
    {
        _basic = basic;
        _csrfToken = csrfToken;
        _cookie = cookie;
    }

    public static AuthHeaders None { get; } = new(null, null, null);

    public static AuthHeaders ForApiKey(string keyId, string keySecret) =>
        new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{keyId}:{keySecret}"))), null, null);

    public static AuthHeaders ForSession(string csrfToken, string? cookie) => new(null, csrfToken, cookie);

    public void Apply(HttpRequestMessage message)
    {
        if (_basic is not null)
        {
            message.Headers.Authorization = _basic;
        }

        if (_csrfToken is not null)
        {
            message.Headers.TryAddWithoutValidation("X-sess-id", _csrfToken);
        }

        if (_cookie is not null)
        {
            message.Headers.TryAddWithoutValidation("Cookie", _cookie);
        }
    }

    public override string ToString() => "AuthHeaders(redacted)";
}
