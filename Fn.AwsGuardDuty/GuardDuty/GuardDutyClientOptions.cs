namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>
/// Everything the GuardDuty client, its credentials and region discovery need. The host maps the
/// <c>[fn_aws_guardduty]</c> keys onto it (the key name is given on each property) and calls <see cref="Validate"/>.
/// </summary>
public sealed class GuardDutyClientOptions
{
    /// <summary><c>aws_gd_access_key_id</c>: static access key; with <see cref="SecretAccessKey"/> it wins over every other source.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary><c>aws_gd_secret_access_key</c>. Never logged.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary><c>aws_gd_session_token</c>: optional, for temporary static keys. Never logged.</summary>
    public string? SessionToken { get; set; }

    /// <summary><c>aws_gd_profile</c>: a named profile from the shared credentials/config files (else the default chain honours AWS_PROFILE).</summary>
    public string? Profile { get; set; }

    /// <summary><c>aws_gd_role_arn</c>: when set, the base credentials assume this role through STS.</summary>
    public string? RoleArn { get; set; }

    /// <summary><c>aws_gd_role_external_id</c>.</summary>
    public string? RoleExternalId { get; set; }

    /// <summary><c>aws_gd_role_session_name</c>.</summary>
    public string RoleSessionName { get; set; } = "fn-aws-guardduty";

    /// <summary>Lifetime asked of STS for assumed-role credentials (15 min to 12 h).</summary>
    public TimeSpan RoleSessionDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Assumed-role credentials are renewed this long before they expire.</summary>
    public TimeSpan RoleRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>aws_gd_sts_endpoint_url</c>: STS endpoint override (VPC endpoint, or a loopback stand-in in tests).</summary>
    public Uri? StsEndpointUrl { get; set; }

    /// <summary><c>aws_gd_use_fips</c> (else AWS_USE_FIPS_ENDPOINT): use the FIPS GuardDuty (and STS/EC2/SQS) endpoints.</summary>
    public bool UseFips { get; set; }

    /// <summary><c>aws_gd_endpoint_url</c>, else AWS_ENDPOINT_URL_GUARDDUTY, else AWS_ENDPOINT_URL (resolved by the configuration).</summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary><c>aws_gd_ec2_endpoint_url</c>, else AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL (resolved by the configuration).</summary>
    public Uri? Ec2EndpointUrl { get; set; }

    /// <summary><c>aws_gd_master_region</c>: region of the EC2 DescribeRegions call and of STS.</summary>
    public string MasterRegion { get; set; } = "us-east-1";

    /// <summary>
    /// <c>aws_gd_regions</c>: a regular expression searched case-insensitively in each region name (quotes stripped),
    /// or an explicit comma-separated list of region names, parsed once by the configuration.
    /// </summary>
    public Configuration.RegionFilter Regions { get; set; } = Configuration.RegionFilter.All;

    /// <summary><c>aws_gd_regions_interval</c>: how often the region/detector list is rebuilt.</summary>
    public TimeSpan RegionsInterval { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How many regions region discovery asks for their detectors at once.</summary>
    public int RegionDiscoveryConcurrency { get; set; } = Configuration.GuardDutyOptions.DefaultMaxConcurrentRegions;

    /// <summary><c>https_proxy</c>: proxy for https:// endpoints.</summary>
    public System.Net.WebProxy? HttpsProxy { get; set; }

    /// <summary><c>http_proxy</c>: proxy for http:// endpoints (and for https:// ones when <see cref="HttpsProxy"/> is not set).</summary>
    public System.Net.WebProxy? HttpProxy { get; set; }

    /// <summary>
    /// AWS_RETRY_MODE. Null or <see cref="Configuration.AwsRetryMode.Legacy"/>: this client's own back-off (the delays below),
    /// and the AWS SDK clients' default. Standard and adaptive follow the AWS SDKs' algorithms (see GuardDutyRetryPolicy).
    /// </summary>
    public Configuration.AwsRetryMode? RetryMode { get; set; }

    /// <summary>AWS_CA_BUNDLE: when set, AWS servers' certificates must chain to one of these (the system roots do not count).</summary>
    public Tls.CaBundle? CaBundle { get; set; }

    /// <summary>HTTP attempts per operation call, the first one included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Upper bound for one operation call, all attempts and back-off delays included.</summary>
    public TimeSpan TotalDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound for one HTTP attempt.</summary>
    public TimeSpan PerTryTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Base of the jittered exponential back-off after a 5xx or a network fault.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Base of the jittered exponential back-off after throttling (429 or a throttling code).</summary>
    public TimeSpan ThrottlingBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of one back-off delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Connections kept per endpoint by the pooled handler.</summary>
    public int MaxConnectionsPerServer { get; set; } = 32;

    /// <summary>A pooled connection is recycled after this long, so DNS changes are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when static keys are configured.</summary>
    public bool HasStaticKeys => !string.IsNullOrWhiteSpace(AccessKeyId);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad key. Never echoes a secret value.</summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(AccessKeyId) && string.IsNullOrWhiteSpace(SecretAccessKey))
            throw Bad("aws_gd_secret_access_key", "is required when aws_gd_access_key_id is set");
        if (string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(SecretAccessKey))
            throw Bad("aws_gd_access_key_id", "is required when aws_gd_secret_access_key is set");
        if (string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(SessionToken))
            throw Bad("aws_gd_session_token", "needs aws_gd_access_key_id and aws_gd_secret_access_key");
        if (string.IsNullOrWhiteSpace(MasterRegion))
            throw Bad("aws_gd_master_region", "is required");
        if (!Http.GuardDutyEndpoint.IsValidRegionName(MasterRegion.Trim()))
            throw Bad("aws_gd_master_region", $"'{MasterRegion}' is not a region name");
        if (RoleArn is not null && !string.IsNullOrWhiteSpace(RoleArn) && !RoleArn.Trim().StartsWith("arn:", StringComparison.Ordinal))
            throw Bad("aws_gd_role_arn", $"'{RoleArn}' is not an ARN");
        if (string.IsNullOrWhiteSpace(RoleSessionName) || RoleSessionName.Length is < 2 or > 64)
            throw Bad("aws_gd_role_session_name", "must be 2 to 64 characters");
        if (RoleSessionDuration < TimeSpan.FromMinutes(15) || RoleSessionDuration > TimeSpan.FromHours(12))
            throw Bad("RoleSessionDuration", "must be between 15 minutes and 12 hours");
        if (RoleRefreshBeforeExpiry < TimeSpan.Zero || RoleRefreshBeforeExpiry >= RoleSessionDuration)
            throw Bad("RoleRefreshBeforeExpiry", "must be non-negative and shorter than the role session");
        CheckEndpoint("aws_gd_endpoint_url", EndpointUrl);
        CheckEndpoint("aws_gd_ec2_endpoint_url", Ec2EndpointUrl);
        CheckEndpoint("aws_gd_sts_endpoint_url", StsEndpointUrl);
        CheckProxy("https_proxy", HttpsProxy);
        CheckProxy("http_proxy", HttpProxy);
        ArgumentNullException.ThrowIfNull(Regions, "aws_gd_regions");
        if (RegionsInterval <= TimeSpan.Zero)
            throw Bad("aws_gd_regions_interval", "must be positive");
        if (RegionDiscoveryConcurrency is < Configuration.GuardDutyOptions.MinConcurrentRegions or > Configuration.GuardDutyOptions.MaxConcurrentRegionsLimit)
            throw Bad("aws_gd_max_concurrent_regions", $"must be from {Configuration.GuardDutyOptions.MinConcurrentRegions} to {Configuration.GuardDutyOptions.MaxConcurrentRegionsLimit}");
        if (MaxAttempts < 1 || MaxAttempts > 20)
            throw Bad("MaxAttempts", "must be between 1 and 20");
        if (TotalDeadline <= TimeSpan.Zero)
            throw Bad("TotalDeadline", "must be positive");
        if (PerTryTimeout <= TimeSpan.Zero)
            throw Bad("PerTryTimeout", "must be positive");
        if (RetryBaseDelay < TimeSpan.Zero || ThrottlingBaseDelay < TimeSpan.Zero || RetryMaxDelay < TimeSpan.Zero)
            throw Bad("RetryBaseDelay", "back-off delays must not be negative");
        if (MaxConnectionsPerServer < 1)
            throw Bad("MaxConnectionsPerServer", "must be at least 1");
    }

    private static void CheckEndpoint(string key, Uri? value)
    {
        if (value is null) return;
        if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
            // The value is not echoed: a proxy URL may carry a password.
            throw Bad(key, "must be an absolute http:// or https:// URL");
    }

    /// <summary>The proxy kinds SocketsHttpHandler (ours, and the AWS SDK's for STS and EC2) speaks.</summary>
    private static readonly string[] ProxySchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    private static void CheckProxy(string key, System.Net.WebProxy? proxy)
    {
        if (proxy is null) return;
        if (proxy.Address is not { IsAbsoluteUri: true } address || address.Host.Length == 0 || !ProxySchemes.Contains(address.Scheme))
            throw Bad(key, $"must be an absolute {string.Join(", ", ProxySchemes)} URL");
    }

    private static ArgumentException Bad(string key, string what) => new($"{key} {what}.");
}
