namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// A proxy URL such as <c>http://user:pass@proxy:3128</c>. The user info is kept apart so that
/// <see cref="ToString"/> (and so every log line) shows the address without the password.
/// </summary>
public sealed class ProxySetting
{
    public ProxySetting(Uri address, string? userName, SecretValue? password)
    {
        Address = address;
        UserName = userName;
        Password = password;
    }

    /// <summary>scheme://host:port, without user info.</summary>
    public Uri Address { get; }

    public string? UserName { get; }

    public SecretValue? Password { get; }

    public static bool TryParse(string text, out ProxySetting? proxy, out string? error)
    {
        proxy = null;
        error = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = "must be a URL such as http://proxy.example.com:3128";
            return false;
        }

        if (uri.Scheme is not ("http" or "https" or "socks4" or "socks4a" or "socks5"))
        {
            error = $"scheme {uri.Scheme} is not supported (use http, https, socks4, socks4a or socks5)";
            return false;
        }

        string? user = null;
        SecretValue? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var pass = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            password = pass.Length > 0 ? new SecretValue(pass) : null;
        }

        var address = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        proxy = new ProxySetting(address, user, password);
        return true;
    }

    public override string ToString() => UserName is null ? Address.ToString() : $"{Address.Scheme}://{UserName}:********@{Address.Authority}/";
}
