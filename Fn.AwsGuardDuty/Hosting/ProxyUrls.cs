using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Turns a <see cref="ProxySetting"/> back into the URL a client option takes (user info included, escaped).</summary>
internal static class ProxyUrls
{
    public static Uri? ToUri(ProxySetting? proxy)
    {
        if (proxy is null)
        {
            return null;
        }

        if (proxy.UserName is null)
        {
            return proxy.Address;
        }

        return new UriBuilder(proxy.Address)
        {
            UserName = Uri.EscapeDataString(proxy.UserName),
            Password = proxy.Password is null ? "" : Uri.EscapeDataString(proxy.Password.Reveal()),
        }.Uri;
    }

    public static string? ToText(ProxySetting? proxy) => ToUri(proxy)?.AbsoluteUri;
}
