using System.Net;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>A parsed <see cref="ProxySetting"/> → the <see cref="WebProxy"/> a client's handler takes: the address without user info, the credentials apart.</summary>
internal static class ProxyMapping
{
    public static WebProxy? ToWebProxy(ProxySetting? proxy)
    {
        if (proxy is null)
        {
            return null;
        }

        return new WebProxy(proxy.Address)
        {
            BypassProxyOnLocal = false,
            Credentials = proxy.UserName is null ? null : new NetworkCredential(proxy.UserName, proxy.Password?.Reveal() ?? ""),
        };
    }
}
