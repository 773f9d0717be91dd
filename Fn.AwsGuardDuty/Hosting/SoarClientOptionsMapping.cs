using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary><c>[resilient]</c> (with <c>[integrations]</c> as the proxy fallback) → <see cref="SoarClientOptions"/>.</summary>
public static class SoarClientOptionsMapping
{
    public static SoarClientOptions From(ResilientOptions resilient, IntegrationsOptions integrations)
    {
        ArgumentNullException.ThrowIfNull(resilient);
        ArgumentNullException.ThrowIfNull(integrations);
        var apiKey = resilient.AuthMode == Configuration.SoarAuthMode.ApiKey;
        return new SoarClientOptions
        {
            Host = resilient.Host,
            Port = resilient.Port,
            ResourcePrefix = string.IsNullOrWhiteSpace(resilient.ResourcePrefix) ? null : resilient.ResourcePrefix,
            Org = resilient.Org,
            ApiKeyId = apiKey ? resilient.ApiKeyId : null,
            ApiKeySecret = apiKey ? resilient.ApiKeySecret!.Reveal() : null,
            Email = apiKey ? null : resilient.Email,
            Password = apiKey ? null : resilient.Password?.Reveal(),
            CaFile = resilient.CaFile.Mode == CaFileMode.File ? resilient.CaFile.Path : null,
            VerifyTls = resilient.CaFile.Mode != CaFileMode.Disabled,
            HttpsProxy = ProxyUrls.ToText(resilient.HttpsProxy ?? integrations.HttpsProxy),
            HttpProxy = ProxyUrls.ToText(resilient.HttpProxy ?? integrations.HttpProxy),
            // request_max_retries = 0 still means one attempt.
            RequestMaxRetries = Math.Max(1, resilient.RequestMaxRetries),
            RequestRetryDelay = resilient.RequestRetryDelay,
            RequestRetryBackoff = resilient.RequestRetryBackoff,
        };
    }
}
