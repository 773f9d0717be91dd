using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>Turns an <c>https_proxy</c>/<c>http_proxy</c> value into a <see cref="WebProxy"/>, keeping any <c>user:password@</c> out of the URL we show.</summary>
internal static class ProxyUri
{
    public static bool TryParse(string value, [NotNullWhen(true)] out Uri? uri)
    {
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host))
        {
            uri = parsed;
            return true;
        }

        uri = null;
        return false;
    }

    public static WebProxy CreateProxy(string value)
    {
        if (!TryParse(value, out var uri))
        {
            throw new SoarOptionsException("https_proxy", "must be an absolute http:// or https:// URL");
        }

        var proxy = new WebProxy(new Uri($"{uri.Scheme}://{uri.Authority}")) { BypassProxyOnLocal = false };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            proxy.Credentials = new NetworkCredential(
                Uri.UnescapeDataString(parts[0]),
                parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }

        return proxy;
    }

    /// <summary>The proxy URL without credentials, safe to log.</summary>
    public static string Describe(string value) => TryParse(value, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "(invalid proxy)";
}
