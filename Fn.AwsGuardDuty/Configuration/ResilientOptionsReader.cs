namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Binds <c>[resilient]</c> to <see cref="ResilientOptions"/>. The environment overrides of resilient-circuits
/// apply: LOGLEVEL, APP_LOG_DIR, RESOURCE_PREFIX and RESILIENT_STOMP_TIMEOUT.
/// </summary>
internal static class ResilientOptionsReader
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static ResilientOptions Read(SectionReader r, SectionReader app, IntegrationsOptions integrations)
    {
        var numWorkers = r.Int("num_workers") ?? ResilientOptions.DefaultNumWorkers;
        return new ResilientOptions
        {
            Host = r.String("host") ?? "",
            Port = r.Int("port") ?? ResilientOptions.DefaultPort,
            Org = r.String("org") ?? "",
            ApiKeyId = r.String("api_key_id"),
            ApiKeySecret = r.Secret("api_key_secret"),
            Email = r.String("email"),
            Password = r.Secret("password"),
            CaFile = r.CaFile("cafile") ?? CaFileSetting.SystemRoots,
            StompHost = r.String("stomp_host"),
            StompPort = r.Int("stomp_port") ?? ResilientOptions.DefaultStompPort,
            StompCaFile = r.CaFile("stomp_cafile"),
            StompTls = r.Bool("stomp_tls") ?? true,
            StompTimeout = r.Duration("stomp_timeout", Second, "RESILIENT_STOMP_TIMEOUT") ?? ResilientOptions.DefaultStompTimeout,
            StompPrefetchLimit = r.Int("stomp_prefetch_limit"),
            NumWorkers = numWorkers,
            ResourcePrefix = r.String("resource_prefix", "RESOURCE_PREFIX"),
            LogDir = r.String("logdir", "APP_LOG_DIR") is { } dir ? r.ResolvePath(dir) : null,
            LogFile = r.String("logfile") ?? ResilientOptions.DefaultLogFile,
            LogLevel = r.String("loglevel", "LOGLEVEL")?.ToUpperInvariant() ?? ResilientOptions.DefaultLogLevel,
            LogMaxBytes = r.Long("log_max_bytes") ?? ResilientOptions.DefaultLogMaxBytes,
            LogBackupCount = r.Int("log_backup_count") ?? ResilientOptions.DefaultLogBackupCount,
            HttpProxy = r.Proxy("http_proxy") ?? integrations.HttpProxy,
            HttpsProxy = r.Proxy("https_proxy") ?? integrations.HttpsProxy,
            RequestMaxRetries = r.Int("request_max_retries") ?? ResilientOptions.DefaultRequestMaxRetries,
            RequestRetryDelay = r.Duration("request_retry_delay", Second) ?? ResilientOptions.DefaultRequestRetryDelay,
            RequestRetryBackoff = r.Double("request_retry_backoff") ?? ResilientOptions.DefaultRequestRetryBackoff,
            SelftestTimeout = r.Duration("selftest_timeout", Second) ?? ResilientOptions.DefaultSelftestTimeout,
            Destination = app.String("message_destination") ?? ResilientOptions.DefaultDestination,
        };
    }
}
