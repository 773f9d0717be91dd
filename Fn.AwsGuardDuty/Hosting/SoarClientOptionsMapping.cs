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
        var apiKey = resilient.AuthMode == SoarAuthMode.ApiKey;
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
            CaBundle = resilient.CaFile.Mode == CaFileMode.File ? resilient.CaFile.Bundle : null,
            VerifyTls = resilient.CaFile.Mode != CaFileMode.Disabled,
            HttpsProxy = ProxyMapping.ToWebProxy(resilient.HttpsProxy ?? integrations.HttpsProxy),
            HttpProxy = ProxyMapping.ToWebProxy(resilient.HttpProxy ?? integrations.HttpProxy),
            // request_max_retries = 0 still means one attempt.
            RequestMaxRetries = Math.Max(1, resilient.RequestMaxRetries),
            RequestRetryDelay = resilient.RequestRetryDelay,
            RequestRetryBackoff = resilient.RequestRetryBackoff,
        };
    }
}
