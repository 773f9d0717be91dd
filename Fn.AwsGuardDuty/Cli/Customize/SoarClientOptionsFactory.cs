using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Cli.Customize;

/// <summary>The SOAR REST client's options from the <c>[resilient]</c> section.</summary>
internal static class SoarClientOptionsFactory
{
    public static SoarClientOptions From(ResilientOptions resilient) => new()
    {
        Host = resilient.Host,
        Port = resilient.Port,
        ResourcePrefix = resilient.ResourcePrefix,
        Org = resilient.Org,
        ApiKeyId = resilient.ApiKeyId,
        ApiKeySecret = resilient.ApiKeySecret?.Reveal(),
        Email = resilient.Email,
        Password = resilient.Password?.Reveal(),
        CaFile = resilient.CaFile.Mode == CaFileMode.File ? resilient.CaFile.Path : null,
        VerifyTls = resilient.CaFile.Mode != CaFileMode.Disabled,
        HttpsProxy = ProxyText(resilient.HttpsProxy),
        HttpProxy = ProxyText(resilient.HttpProxy),
        RequestMaxRetries = resilient.RequestMaxRetries,
        RequestRetryDelay = resilient.RequestRetryDelay,
        RequestRetryBackoff = resilient.RequestRetryBackoff,
    };

    private static string? ProxyText(ProxySetting? proxy)
    {
        if (proxy is null)
            return null;
        if (proxy.UserName is null)
            return proxy.Address.ToString();
        var builder = new UriBuilder(proxy.Address)
        {
            UserName = Uri.EscapeDataString(proxy.UserName),
            Password = proxy.Password is null ? "" : Uri.EscapeDataString(proxy.Password.Reveal()),
        };
        return builder.Uri.ToString();
    }
}
