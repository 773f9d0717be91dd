using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The <c>[fn_aws_guardduty]</c> section: AWS credentials, regions, endpoints and the findings poller.
/// IBM's keys keep their meaning; static keys became optional because the AWS default chain is supported.
/// </summary>
public sealed partial class GuardDutyOptions
{
    public static readonly TimeSpan DefaultRegionsInterval = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMaxConcurrentRegions = 4;

    /// <summary>The bounds of <c>aws_gd_max_concurrent_regions</c> (the poller and region discovery use these too).</summary>
    public const int MinConcurrentRegions = 1;
    public const int MaxConcurrentRegionsLimit = 64;
    public const int DefaultMaxRetries = 5;
    public const int DefaultMaxFindingsPerCycle = 0;
    public const string DefaultRoleSessionName = "fn-aws-guardduty";
    public const string DefaultStateDirName = "fn_aws_guardduty_state";

    /// <summary>
    /// Default of <c>aws_gd_state_dir</c> when set (the container image sets it to a folder on its VOLUME); without it
    /// the default is <see cref="DefaultStateDirName"/> beside app.config.
    /// </summary>
    public const string StateDirEnvironmentVariable = "FN_AWS_GUARDDUTY_STATE_DIR";

    public string? AccessKeyId { get; init; }

    public SecretValue? SecretAccessKey { get; init; }

    public SecretValue? SessionToken { get; init; }

    /// <summary>True when static keys are configured (otherwise the AWS default credential chain is used).</summary>
    public bool HasStaticKeys => AccessKeyId is not null && SecretAccessKey is not null;

    /// <summary>Shared-config profile for the default chain (aws_gd_profile).</summary>
    public string? Profile { get; init; }

    public string? RoleArn { get; init; }

    public string? RoleExternalId { get; init; }

    public string RoleSessionName { get; init; } = DefaultRoleSessionName;

    /// <summary>Region of the EC2 DescribeRegions call and of selftest (required).</summary>
    public string MasterRegion { get; init; } = "";

    /// <summary>Which regions are polled (required).</summary>
    public RegionFilter? Regions { get; init; }

    public TimeSpan RegionsInterval { get; init; } = DefaultRegionsInterval;

    /// <summary>Time between poll cycles; zero turns the poller off (as in IBM's app).</summary>
    public TimeSpan PollingInterval { get; init; } = DefaultPollingInterval;

    /// <summary>aws_gd_polling_enabled as configured.</summary>
    public bool PollingEnabled { get; init; } = true;

    /// <summary>The poller runs: enabled and an interval above zero.</summary>
    public bool PollerActive => PollingEnabled && PollingInterval > TimeSpan.Zero;

    /// <summary>Findings below this severity are not escalated; null means no filter (0 is honoured).</summary>
    public double? SeverityThreshold { get; init; }

    /// <summary>How far back the first cycle (and a new region or detector) looks; null means everything.</summary>
    public TimeSpan? LookbackInterval { get; init; }

    /// <summary>JSON close template; null means the built-in one.</summary>
    public string? CloseIncidentTemplate { get; init; }

    /// <summary>http_proxy of this section, else of [integrations].</summary>
    public ProxySetting? HttpProxy { get; init; }

    /// <summary>https_proxy of this section, else of [integrations].</summary>
    public ProxySetting? HttpsProxy { get; init; }

    /// <summary>aws_gd_use_fips, else AWS_USE_FIPS_ENDPOINT.</summary>
    public bool UseFips { get; init; }

    /// <summary>GuardDuty endpoint override: aws_gd_endpoint_url, else AWS_ENDPOINT_URL_GUARDDUTY, else AWS_ENDPOINT_URL.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>EC2 endpoint override: aws_gd_ec2_endpoint_url, else AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL.</summary>
    public Uri? Ec2EndpointUrl { get; init; }

    /// <summary>STS endpoint override: aws_gd_sts_endpoint_url, else AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL.</summary>
    public Uri? StsEndpointUrl { get; init; }

    /// <summary>AWS_RETRY_MODE; null when unset (the GuardDuty transport's own back-off, the AWS SDK clients' default).</summary>
    public AwsRetryMode? RetryMode { get; init; }

    /// <summary>AWS_CA_BUNDLE: the only CA certificates trusted for AWS HTTPS calls; null for the system trust store.</summary>
    public Fn.AwsGuardDuty.Tls.CaBundle? CaBundle { get; init; }

    public int MaxConcurrentRegions { get; init; } = DefaultMaxConcurrentRegions;

    /// <summary>Only finding types this regex finds (case-insensitive search); null means all.</summary>
    public Regex? FindingTypes { get; init; }

    /// <summary>Finding types this regex finds are skipped; null means none.</summary>
    public Regex? ExcludeFindingTypes { get; init; }

    /// <summary>Only findings whose AccountId this regex finds are escalated; null means all.</summary>
    public Regex? Accounts { get; init; }

    /// <summary>Findings whose AccountId this regex finds are skipped; null means none.</summary>
    public Regex? ExcludeAccounts { get; init; }

    /// <summary>Most findings one cycle works on; the rest carries over. 0 means no cap.</summary>
    public int MaxFindingsPerCycle { get; init; } = DefaultMaxFindingsPerCycle;

    public UpdateMode UpdateMode { get; init; } = UpdateMode.Trigger;

    public ClosedIncidentAction ClosedIncidentAction { get; init; } = ClosedIncidentAction.Leave;

    /// <summary>Folder of the checkpoint store (absolute).</summary>
    public string StateDir { get; init; } = DefaultStateDirName;

    /// <summary>Subtracted from the checkpoint when querying updatedAt (IBM's UPDATE_ALIGN_INTERVAL).</summary>
    public TimeSpan Overlap { get; init; } = DefaultOverlap;

    /// <summary>Attempts after the first for a throttled or failed AWS call (aws_gd_max_retries, else AWS_MAX_ATTEMPTS − 1).</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Timeout of one AWS HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[\\w+=,.@-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleSessionNamePattern();

    public IReadOnlyList<ConfigProblem> Validate()
    {
        const string s = ConfigSections.GuardDuty;
        var problems = new List<ConfigProblem>();

        if (AccessKeyId is not null && SecretAccessKey is null)
        {
            problems.Add(new(s, "aws_gd_secret_access_key", "is required when aws_gd_access_key_id is set"));
        }
        else if (AccessKeyId is null && SecretAccessKey is not null)
        {
            problems.Add(new(s, "aws_gd_access_key_id", "is required when aws_gd_secret_access_key is set"));
        }

        if (SessionToken is not null && !HasStaticKeys)
        {
            problems.Add(new(s, "aws_gd_session_token", "needs aws_gd_access_key_id and aws_gd_secret_access_key"));
        }

        if (RoleArn is not null && !RoleArnPattern().IsMatch(RoleArn))
        {
            problems.Add(new(s, "aws_gd_role_arn", $"'{RoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)"));
        }

        if (RoleArn is null && RoleExternalId is not null)
        {
            problems.Add(new(s, "aws_gd_role_external_id", "needs aws_gd_role_arn"));
        }

        if (!RoleSessionNamePattern().IsMatch(RoleSessionName))
        {
            problems.Add(new(s, "aws_gd_role_session_name", "must be 2 to 64 characters of letters, digits and +=,.@_-"));
        }

        if (string.IsNullOrWhiteSpace(MasterRegion))
        {
            problems.Add(new(s, "aws_gd_master_region", "is required (the region used to list regions, e.g. us-east-1; AWS_REGION or AWS_DEFAULT_REGION also set it)"));
        }
        else if (!RegionFilter.RegionName().IsMatch(MasterRegion))
        {
            problems.Add(new(s, "aws_gd_master_region", $"'{MasterRegion}' is not a region name such as us-east-1"));
        }

        if (Regions is null)
        {
            problems.Add(new(s, "aws_gd_regions", "is required (a regular expression such as .* or a list such as us-east-1, eu-west-1)"));
        }

        ConfigChecks.Positive(problems, s, "aws_gd_regions_interval", RegionsInterval);
        if (PollingInterval < TimeSpan.Zero)
        {
            problems.Add(new(s, "aws_gd_polling_interval", "must not be negative (0 turns the poller off)"));
        }

        if (SeverityThreshold is { } threshold && (threshold < 0 || threshold > 10 || double.IsNaN(threshold)))
        {
            problems.Add(new(s, "aws_gd_severity_threshold", "must be a number from 0 to 10"));
        }

        if (LookbackInterval is { } lookback && lookback < TimeSpan.Zero)
        {
            problems.Add(new(s, "aws_gd_lookback_interval", "must not be negative"));
        }

        if (CloseIncidentTemplate is not null && !File.Exists(CloseIncidentTemplate))
        {
            problems.Add(new(s, "aws_gd_close_incident_template", $"file not found: {CloseIncidentTemplate}"));
        }

        ConfigChecks.HttpUrl(problems, s, "aws_gd_endpoint_url", EndpointUrl);
        ConfigChecks.HttpUrl(problems, s, "aws_gd_ec2_endpoint_url", Ec2EndpointUrl);
        ConfigChecks.HttpUrl(problems, s, "aws_gd_sts_endpoint_url", StsEndpointUrl);
        if (UseFips && EndpointUrl is not null)
        {
            // The SDKs' endpoint rules refuse the same pair ("FIPS and custom endpoint are not supported").
            problems.Add(new(s, "aws_gd_use_fips", "FIPS (aws_gd_use_fips or AWS_USE_FIPS_ENDPOINT) cannot be combined with a GuardDuty endpoint override " +
                "(aws_gd_endpoint_url, AWS_ENDPOINT_URL_GUARDDUTY or AWS_ENDPOINT_URL)"));
        }

        ConfigChecks.Range(problems, s, "aws_gd_max_concurrent_regions", MaxConcurrentRegions, MinConcurrentRegions, MaxConcurrentRegionsLimit);
        ConfigChecks.Range(problems, s, "aws_gd_max_findings_per_cycle", MaxFindingsPerCycle, 0, 10_000_000);
        if (string.IsNullOrWhiteSpace(StateDir))
        {
            problems.Add(new(s, "aws_gd_state_dir", "must not be empty"));
        }
        else if (PollerActive && StateDirectory.WriteProblem(StateDir) is { } unwritable)
        {
            // Checked at start-up (run and selftest load the configuration): a poller that cannot save checkpoints would
            // re-read its lookback window after every restart.
            problems.Add(new(s, "aws_gd_state_dir", unwritable));
        }

        if (Overlap < TimeSpan.Zero || Overlap > TimeSpan.FromHours(1))
        {
            problems.Add(new(s, "aws_gd_overlap", "must be from 0s to 1h"));
        }

        ConfigChecks.Range(problems, s, "aws_gd_max_retries", MaxRetries, 0, 20);
        ConfigChecks.Positive(problems, s, "aws_gd_request_timeout", RequestTimeout);
        return problems;
    }
}
