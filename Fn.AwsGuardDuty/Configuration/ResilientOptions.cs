using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The <c>[resilient]</c> section: how to reach SOAR over REST and STOMP, workers, logging and REST retries.
/// Plain options in the Polly v8 style: defaults here, <see cref="Validate"/> collects every problem.
/// </summary>
public sealed class ResilientOptions
{
    public const int DefaultPort = 443;
    public const int DefaultStompPort = 65001;
    public const int DefaultNumWorkers = 10;
    public const int MaxWorkers = 2000;
    public const string DefaultLogFile = "app.log";
    public const string DefaultLogLevel = "INFO";
    public const long DefaultLogMaxBytes = 10_000_000;
    public const long MinLogMaxBytes = 100_000;
    public const int DefaultLogBackupCount = 10;
    public const int DefaultRequestMaxRetries = 5;
    public const double DefaultRequestRetryBackoff = 2;
    public const string DefaultDestination = "fn_aws_gd";
    public static readonly TimeSpan DefaultStompTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultRequestRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultSelftestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Accepted <c>loglevel</c> values (Python names and their NLog equivalents).</summary>
    public static readonly IReadOnlyList<string> LogLevels = ["TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL"];

    /// <summary>SOAR host name (required), without scheme or port.</summary>
    public string Host { get; init; } = "";

    public int Port { get; init; } = DefaultPort;

    /// <summary>The org: its name, uuid or cloud_account (required).</summary>
    public string Org { get; init; } = "";

    public string? ApiKeyId { get; init; }

    public SecretValue? ApiKeySecret { get; init; }

    public string? Email { get; init; }

    public SecretValue? Password { get; init; }

    /// <summary>API key when both api_key_id and api_key_secret are set (as resilient-circuits), else email/password.</summary>
    public SoarAuthMode AuthMode => ApiKeyId is not null && ApiKeySecret is not null ? SoarAuthMode.ApiKey : SoarAuthMode.EmailPassword;

    /// <summary>The login sent to STOMP and REST: api_key_id or email.</summary>
    public string Login => AuthMode == SoarAuthMode.ApiKey ? ApiKeyId! : Email ?? "";

    /// <summary>The secret that goes with <see cref="Login"/>.</summary>
    public SecretValue? LoginSecret => AuthMode == SoarAuthMode.ApiKey ? ApiKeySecret : Password;

    /// <summary>How REST verifies SOAR's certificate (and STOMP's when stomp_cafile is not set).</summary>
    public CaFileSetting CaFile { get; init; } = CaFileSetting.SystemRoots;

    /// <summary>STOMP host; defaults to <see cref="Host"/>.</summary>
    public string? StompHost { get; init; }

    public string EffectiveStompHost => string.IsNullOrEmpty(StompHost) ? Host : StompHost;

    public int StompPort { get; init; } = DefaultStompPort;

    /// <summary>stomp_cafile; null means use <see cref="CaFile"/>.</summary>
    public CaFileSetting? StompCaFile { get; init; }

    public CaFileSetting EffectiveStompCaFile => StompCaFile ?? CaFile;

    /// <summary>Our addition: false connects STOMP without TLS, allowed only for a loopback test broker.</summary>
    public bool StompTls { get; init; } = true;

    public TimeSpan StompTimeout { get; init; } = DefaultStompTimeout;

    /// <summary>activemq.prefetchSize; null means <see cref="NumWorkers"/>.</summary>
    public int? StompPrefetchLimit { get; init; }

    public int EffectiveStompPrefetchLimit => StompPrefetchLimit ?? NumWorkers;

    public int NumWorkers { get; init; } = DefaultNumWorkers;

    /// <summary>CP4S path prefix for REST URLs.</summary>
    public string? ResourcePrefix { get; init; }

    /// <summary>Folder of the rotating log file; null means log to stdout only.</summary>
    public string? LogDir { get; init; }

    public string LogFile { get; init; } = DefaultLogFile;

    /// <summary>Upper-case level name, one of <see cref="LogLevels"/>.</summary>
    public string LogLevel { get; init; } = DefaultLogLevel;

    /// <summary>Size at which the log file rotates; 0 turns rotation off.</summary>
    public long LogMaxBytes { get; init; } = DefaultLogMaxBytes;

    public int LogBackupCount { get; init; } = DefaultLogBackupCount;

    /// <summary>http_proxy of [resilient], else of [integrations].</summary>
    public ProxySetting? HttpProxy { get; init; }

    /// <summary>https_proxy of [resilient], else of [integrations].</summary>
    public ProxySetting? HttpsProxy { get; init; }

    public int RequestMaxRetries { get; init; } = DefaultRequestMaxRetries;

    public TimeSpan RequestRetryDelay { get; init; } = DefaultRequestRetryDelay;

    public double RequestRetryBackoff { get; init; } = DefaultRequestRetryBackoff;

    public TimeSpan SelftestTimeout { get; init; } = DefaultSelftestTimeout;

    /// <summary>The message destination the functions are served on (<c>[fn_aws_guardduty] message_destination</c>).</summary>
    public string Destination { get; init; } = DefaultDestination;

    public IReadOnlyList<ConfigProblem> Validate()
    {
        const string s = ConfigSections.Resilient;
        var problems = new List<ConfigProblem>();

        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add(new(s, "host", "is required (the SOAR server's host name)"));
        }
        else if (!ConfigChecks.IsHostName(Host))
        {
            problems.Add(new(s, "host", $"'{Host}' is not a host name (write it without https:// or a port)"));
        }

        ConfigChecks.Port(problems, s, "port", Port);

        if (string.IsNullOrWhiteSpace(Org))
        {
            problems.Add(new(s, "org", "is required (the org's name, uuid or cloud_account)"));
        }

        ValidateCredentials(problems);

        if (!string.IsNullOrEmpty(StompHost) && !ConfigChecks.IsHostName(StompHost))
        {
            problems.Add(new(s, "stomp_host", $"'{StompHost}' is not a host name"));
        }

        ConfigChecks.Port(problems, s, "stomp_port", StompPort);

        if (!StompTls && !ConfigChecks.IsLoopback(EffectiveStompHost))
        {
            problems.Add(new(s, "stomp_tls", $"false is allowed only for a loopback stomp_host, not '{EffectiveStompHost}'"));
        }

        ConfigChecks.Positive(problems, s, "stomp_timeout", StompTimeout);
        ConfigChecks.Range(problems, s, "num_workers", NumWorkers, 1, MaxWorkers);
        if (StompPrefetchLimit is { } prefetch)
        {
            ConfigChecks.Range(problems, s, "stomp_prefetch_limit", prefetch, 1, MaxWorkers);
        }

        if (string.IsNullOrWhiteSpace(LogFile) || LogFile.IndexOfAny(['/', '\\']) >= 0)
        {
            problems.Add(new(s, "logfile", "must be a file name (the folder is logdir)"));
        }

        if (!LogLevels.Contains(LogLevel))
        {
            problems.Add(new(s, "loglevel", $"'{LogLevel}' is not one of {string.Join(", ", LogLevels)}"));
        }

        if (LogMaxBytes != 0 && LogMaxBytes < MinLogMaxBytes)
        {
            problems.Add(new(s, "log_max_bytes", $"must be 0 (no rotation) or at least {MinLogMaxBytes}"));
        }

        ConfigChecks.Range(problems, s, "log_backup_count", LogBackupCount, 0, 1000);
        ConfigChecks.Range(problems, s, "request_max_retries", RequestMaxRetries, 0, 100);
        if (RequestRetryDelay < TimeSpan.Zero)
        {
            problems.Add(new(s, "request_retry_delay", "must not be negative"));
        }

        if (RequestRetryBackoff is < 1 or > 10 || double.IsNaN(RequestRetryBackoff))
        {
            problems.Add(new(s, "request_retry_backoff", "must be a number from 1 to 10"));
        }

        ConfigChecks.Positive(problems, s, "selftest_timeout", SelftestTimeout);

        if (!ConfigChecks.IsApiName(Destination))
        {
            problems.Add(new(ConfigSections.GuardDuty, "message_destination",
                $"'{Destination}' is not a message destination api name (letters, digits and _)"));
        }

        return problems;
    }

    private void ValidateCredentials(List<ConfigProblem> problems)
    {
        const string s = ConfigSections.Resilient;
        var hasKeyId = !string.IsNullOrEmpty(ApiKeyId);
        var hasKeySecret = ApiKeySecret is not null;
        if (hasKeyId != hasKeySecret)
        {
            problems.Add(hasKeyId
                ? new(s, "api_key_secret", "is required when api_key_id is set")
                : new(s, "api_key_id", "is required when api_key_secret is set"));
            return;
        }

        if (hasKeyId)
        {
            return;
        }

        var hasEmail = !string.IsNullOrEmpty(Email);
        var hasPassword = Password is not null;
        if (hasEmail && !hasPassword)
        {
            problems.Add(new(s, "password", "is required when email is set (there is no interactive prompt)"));
        }
        else if (!hasEmail && hasPassword)
        {
            problems.Add(new(s, "email", "is required when password is set"));
        }
        else if (!hasEmail)
        {
            problems.Add(new(s, "api_key_id", "credentials are required: api_key_id and api_key_secret, or email and password"));
        }
    }
}
