using System.Net;
using Fn.AwsGuardDuty.Soar.Http;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>
/// Everything the SOAR REST client needs, independent of how app.config spells it (the host maps
/// <c>[resilient]</c> onto this). Call <see cref="Validate"/> before use; <see cref="SoarClient"/> does.
/// </summary>
public sealed class SoarClientOptions
{
    /// <summary>The API level we speak, sent as <c>Resilient-Module-Version</c> (the Python client sends its package version).</summary>
    public const string DefaultModuleVersion = "51.0.8.3";

    /// <summary>SOAR host name or IP address (<c>host</c>).</summary>
    public string Host { get; set; } = "";

    /// <summary>HTTPS port (<c>port</c>), 443 by default.</summary>
    public int Port { get; set; } = 443;

    /// <summary>Optional path prefix in front of <c>/rest</c> (<c>resource_prefix</c>, CP4S).</summary>
    public string? ResourcePrefix { get; set; }

    /// <summary>The organisation: its cloud_account, uuid or name (<c>org</c>).</summary>
    public string? Org { get; set; }

    public string? ApiKeyId { get; set; }

    public string? ApiKeySecret { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>PEM or DER file of trusted CA certificates (<c>cafile</c>), read when the client is made. Null (and no <see cref="CaBundle"/>): the system trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>The CA certificates of <c>cafile</c>, already read (the app's configuration does this once); wins over <see cref="CaFile"/>.</summary>
    public CaBundle? CaBundle { get; set; }

    /// <summary>False only when the configuration explicitly says <c>cafile = false</c>.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>Proxy for HTTPS (<c>https_proxy</c>): http, https, socks4, socks4a or socks5, its credentials in <see cref="WebProxy.Credentials"/>.</summary>
    public WebProxy? HttpsProxy { get; set; }

    /// <summary>Fallback proxy (<c>http_proxy</c>), used when <see cref="HttpsProxy"/> is not set.</summary>
    public WebProxy? HttpProxy { get; set; }

    /// <summary>Total attempts per request, first one included (<c>request_max_retries</c>).</summary>
    public int RequestMaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry (<c>request_retry_delay</c>).</summary>
    public TimeSpan RequestRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Multiplier applied to the delay after every retry (<c>request_retry_backoff</c>).</summary>
    public double RequestRetryBackoff { get; set; } = 2;

    /// <summary>Upper bound for a single retry delay, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time limit for one HTTP attempt (the Python client has none; a hung socket must not hang the app).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often a PATCH (or GET/PUT) is re-read and re-applied after a version conflict.</summary>
    public int ConflictMaxAttempts { get; set; } = 5;

    /// <summary>How long <c>GET /types/incident</c> is cached (close checks its required-on-close fields).</summary>
    public TimeSpan TypesCacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sent as <c>Resilient-Module-Version</c> and <c>Resilient-Circuits-Version</c>.</summary>
    public string ModuleVersion { get; set; } = DefaultModuleVersion;

    public bool UsesApiKey => !string.IsNullOrEmpty(ApiKeyId) && !string.IsNullOrEmpty(ApiKeySecret);

    /// <summary>The proxy to use, if one is configured: https_proxy wins over http_proxy (the REST base is always HTTPS).</summary>
    public WebProxy? EffectiveProxy => HttpsProxy ?? HttpProxy;

    /// <summary>Throws <see cref="SoarOptionsException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new SoarOptionsException("host", "is required");
        }

        if (Host.Contains('/') || Host.Contains(' '))
        {
            throw new SoarOptionsException("host", "must be a host name or IP address, without scheme or path");
        }

        if (Port is < 1 or > 65535)
        {
            throw new SoarOptionsException("port", $"must be 1-65535, not {Port}");
        }

        var hasKeyId = !string.IsNullOrEmpty(ApiKeyId);
        var hasKeySecret = !string.IsNullOrEmpty(ApiKeySecret);
        if (hasKeyId != hasKeySecret && string.IsNullOrEmpty(Email))
        {
            throw new SoarOptionsException(hasKeyId ? "api_key_secret" : "api_key_id", "is required when the other half of the API key is set");
        }

        if (!UsesApiKey)
        {
            if (string.IsNullOrEmpty(Email))
            {
                throw new SoarOptionsException("api_key_id", "credentials are required: api_key_id and api_key_secret, or email and password");
            }

            if (string.IsNullOrEmpty(Password))
            {
                throw new SoarOptionsException("password", "is required with email");
            }
        }

        if (VerifyTls && CaBundle is null && CaFile is not null)
        {
            if (string.IsNullOrWhiteSpace(CaFile))
            {
                throw new SoarOptionsException("cafile", "is empty");
            }

            if (!File.Exists(CaFile))
            {
                throw new SoarOptionsException("cafile", $"file not found: {CaFile}");
            }
        }

        if (EffectiveProxy is { } proxy && !ProxyUri.IsSupported(proxy))
        {
            throw new SoarOptionsException(HttpsProxy is null ? "http_proxy" : "https_proxy",
                $"must be an absolute {string.Join(", ", ProxyUri.Schemes)} URL");
        }

        if (RequestMaxRetries is < 1 or > 100)
        {
            throw new SoarOptionsException("request_max_retries", $"must be 1-100 attempts, not {RequestMaxRetries}");
        }

        if (RequestRetryDelay < TimeSpan.Zero || RequestRetryDelay > TimeSpan.FromMinutes(10))
        {
            throw new SoarOptionsException("request_retry_delay", "must be between 0 and 10 minutes");
        }

        if (double.IsNaN(RequestRetryBackoff) || RequestRetryBackoff < 1 || RequestRetryBackoff > 10)
        {
            throw new SoarOptionsException("request_retry_backoff", "must be between 1 and 10");
        }

        if (MaxRetryDelay < RequestRetryDelay)
        {
            throw new SoarOptionsException("max_retry_delay", "must not be shorter than request_retry_delay");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
        {
            throw new SoarOptionsException("request_timeout", "must be above 0 and at most 1 hour");
        }

        if (ConflictMaxAttempts is < 1 or > 100)
        {
            throw new SoarOptionsException("conflict_max_attempts", "must be 1-100");
        }

        if (TypesCacheTtl < TimeSpan.Zero)
        {
            throw new SoarOptionsException("types_cache_ttl", "must not be negative");
        }

        if (string.IsNullOrWhiteSpace(ModuleVersion) || ModuleVersion.Any(char.IsControl))
        {
            throw new SoarOptionsException("module_version", "must be a plain version string");
        }
    }
}
