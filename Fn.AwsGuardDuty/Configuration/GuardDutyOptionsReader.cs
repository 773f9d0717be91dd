namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Binds <c>[fn_aws_guardduty]</c> to <see cref="GuardDutyOptions"/>. Bare-number durations are minutes, as in
/// IBM's app. Where a key is absent, the AWS SDKs' environment variables (<see cref="AwsEnvironment"/>, read once at
/// load) give the value: the key always wins, as a setting in code wins over the environment in the SDKs.
/// </summary>
internal static class GuardDutyOptionsReader
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static GuardDutyOptions Read(SectionReader r, IntegrationsOptions integrations, string configDirectory, AwsEnvironment aws)
    {
        // IBM's app treats a lookback of 0 (or empty) as "no lookback": the first cycle reads everything.
        var lookback = r.Duration("aws_gd_lookback_interval", Minute);
        return new GuardDutyOptions
        {
            AccessKeyId = r.String("aws_gd_access_key_id"),
            SecretAccessKey = r.Secret("aws_gd_secret_access_key"),
            SessionToken = r.Secret("aws_gd_session_token"),
            Profile = r.String("aws_gd_profile"),
            RoleArn = r.String("aws_gd_role_arn"),
            RoleExternalId = r.String("aws_gd_role_external_id"),
            RoleSessionName = r.String("aws_gd_role_session_name") ?? GuardDutyOptions.DefaultRoleSessionName,
            MasterRegion = r.String("aws_gd_master_region")?.ToLowerInvariant() ?? aws.Region ?? "",
            Regions = r.Regions("aws_gd_regions"),
            RegionsInterval = r.Duration("aws_gd_regions_interval", Minute) ?? GuardDutyOptions.DefaultRegionsInterval,
            PollingInterval = r.Duration("aws_gd_polling_interval", Minute) ?? GuardDutyOptions.DefaultPollingInterval,
            PollingEnabled = r.Bool("aws_gd_polling_enabled") ?? true,
            SeverityThreshold = r.Double("aws_gd_severity_threshold"),
            LookbackInterval = lookback == TimeSpan.Zero ? null : lookback,
            CloseIncidentTemplate = r.Path("aws_gd_close_incident_template"),
            HttpProxy = r.Proxy("http_proxy") ?? integrations.HttpProxy,
            HttpsProxy = r.Proxy("https_proxy") ?? integrations.HttpsProxy,
            UseFips = r.Bool("aws_gd_use_fips") ?? aws.UseFipsEndpoint ?? false,
            EndpointUrl = r.Url("aws_gd_endpoint_url") ?? aws.EndpointFor(AwsService.GuardDuty),
            Ec2EndpointUrl = r.Url("aws_gd_ec2_endpoint_url") ?? aws.EndpointFor(AwsService.Ec2),
            StsEndpointUrl = r.Url("aws_gd_sts_endpoint_url") ?? aws.EndpointFor(AwsService.Sts),
            MaxConcurrentRegions = r.Int("aws_gd_max_concurrent_regions") ?? GuardDutyOptions.DefaultMaxConcurrentRegions,
            FindingTypes = r.Pattern("aws_gd_finding_types"),
            ExcludeFindingTypes = r.Pattern("aws_gd_exclude_finding_types"),
            Accounts = r.Pattern("aws_gd_accounts"),
            ExcludeAccounts = r.Pattern("aws_gd_exclude_accounts"),
            MaxFindingsPerCycle = r.Int("aws_gd_max_findings_per_cycle") ?? GuardDutyOptions.DefaultMaxFindingsPerCycle,
            UpdateMode = r.Enum<UpdateMode>("aws_gd_update_mode") ?? UpdateMode.Trigger,
            ClosedIncidentAction = r.Enum<ClosedIncidentAction>("aws_gd_closed_incident_action") ?? ClosedIncidentAction.Leave,
            StateDir = r.Path("aws_gd_state_dir") ?? r.EnvironmentPath(GuardDutyOptions.StateDirEnvironmentVariable)
                ?? Path.Combine(configDirectory, GuardDutyOptions.DefaultStateDirName),
            Overlap = r.Duration("aws_gd_overlap", Minute) ?? GuardDutyOptions.DefaultOverlap,
            // aws_gd_max_retries counts the retries; AWS_MAX_ATTEMPTS counts the attempts, the first one included.
            MaxRetries = r.Int("aws_gd_max_retries") ?? (aws.MaxAttempts - 1) ?? GuardDutyOptions.DefaultMaxRetries,
            RetryMode = aws.RetryMode,
            CaBundle = aws.CaBundle,
            RequestTimeout = r.Duration("aws_gd_request_timeout", Minute) ?? GuardDutyOptions.DefaultRequestTimeout,
        };
    }
}
