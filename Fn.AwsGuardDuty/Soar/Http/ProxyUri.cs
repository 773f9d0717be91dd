using System.Net;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>The proxy kinds SocketsHttpHandler speaks, and how a proxy is shown in a log line (never its credentials).</summary>
internal static class ProxyUri
{
    public static readonly IReadOnlyList<string> Schemes = ["http", "https", "socks4", "socks4a", "socks5"];

    public static bool IsSupported(WebProxy proxy) =>
        proxy.Address is { IsAbsoluteUri: true } address && address.Host.Length > 0 && Schemes.Contains(address.Scheme);

    /// <summary>scheme://host:port; user info is never part of it.</summary>
    public static string Describe(WebProxy proxy) =>
        proxy.Address is { IsAbsoluteUri: true } address ? $"{address.Scheme}://{address.Authority}" : "(invalid proxy)";
}
