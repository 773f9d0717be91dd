namespace Fn.AwsGuardDuty.Configuration;

/// <summary>Binds <c>[integrations]</c> to <see cref="IntegrationsOptions"/>.</summary>
internal static class IntegrationsOptionsReader
{
    public static IntegrationsOptions Read(SectionReader r) => new()
    {
        HttpProxy = r.Proxy("http_proxy"),
        HttpsProxy = r.Proxy("https_proxy"),
        Timeout = r.Duration("timeout", TimeSpan.FromSeconds(1)) ?? IntegrationsOptions.DefaultTimeout,
    };
}
