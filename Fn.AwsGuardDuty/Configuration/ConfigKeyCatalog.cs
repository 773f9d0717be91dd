namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Every app.config key the app reads, with its type, default and meaning, in the order the default config
/// prints them. The single source for <see cref="DefaultConfigWriter"/>, <c>config -u</c> and the
/// unknown-key warning.
/// </summary>
public static class ConfigKeyCatalog
{
    public const string Required = "required";

    private const string R = ConfigSections.Resilient;
    private const string G = ConfigSections.GuardDuty;
    private const string I = ConfigSections.Integrations;

    public static IReadOnlyList<string> Sections { get; } = [R, G, I];

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        // [resilient]
        Set(R, "host", "host name", Required, "SOAR server host name, without https:// or a port.", "soar.example.com"),
        Set(R, "port", "int", "443", "SOAR REST port.", "443"),
        Set(R, "org", "string", Required, "The SOAR org: its name, uuid or cloud_account.", "My Organization"),
        Set(R, "api_key_id", "string", "none",
            "API key id. An API key (api_key_id and api_key_secret) or email and password is required; the API key wins when both are set.",
            "${SOAR_API_KEY_ID}"),
        Set(R, "api_key_secret", "secret", "none",
            "API key secret. Keep secrets out of this file: $NAME or ${NAME} takes the value from the environment. An unset variable in a secret is an error.",
            "${SOAR_API_KEY_SECRET}"),
        Example(R, "email", "string", "none", "SOAR account email, used only when no API key is set.", "integration@example.com"),
        Example(R, "password", "secret", "none", "Password of that account.", "${SOAR_PASSWORD}"),
        Example(R, "cafile", "path | false", "system trust store",
            "CA bundle (PEM) that signs SOAR's certificate, for REST and for STOMP unless stomp_cafile is set. ~ is expanded; relative paths are relative to this file. false turns certificate verification off (a warning is logged at start-up).",
            "/etc/pki/tls/certs/soar-ca.pem"),
        Example(R, "stomp_host", "host name", "host", "STOMP (message bus) host.", "soar.example.com"),
        Set(R, "stomp_port", "int", "65001", "STOMP port.", "65001"),
        Example(R, "stomp_cafile", "path | false", "cafile", "CA bundle for the STOMP connection.", "/etc/pki/tls/certs/soar-ca.pem"),
        Set(R, "stomp_tls", "bool", "true", "Our addition: false connects STOMP without TLS. Allowed only when stomp_host is a loopback address (local test brokers).", "true"),
        Set(R, "stomp_timeout", "duration (bare = seconds)", "60s", "STOMP connect and socket timeout. Env RESILIENT_STOMP_TIMEOUT overrides it.", "60"),
        Example(R, "stomp_prefetch_limit", "int 1..2000", "num_workers", "Messages the broker sends ahead of the ACKs (activemq.prefetchSize).", "10"),
        Set(R, "num_workers", "int 1..2000", "10", "Functions that run at the same time.", "10"),
        Example(R, "resource_prefix", "string", "none", "Cloud Pak for Security path prefix for REST URLs. Env RESOURCE_PREFIX overrides it.", "/api/soar"),
        Example(R, "logdir", "path", "none (stdout only)",
            "Folder of the rotating log file. Logs always go to stdout too. Env APP_LOG_DIR overrides it.", "~/.resilient/logs"),
        Set(R, "logfile", "file name", "app.log", "Log file name inside logdir.", "app.log"),
        Set(R, "loglevel", "TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL", "INFO", "Log level. Env LOGLEVEL overrides it.", "INFO"),
        Set(R, "log_max_bytes", "int", "10000000", "Size at which the log file rotates; 0 = never, otherwise at least 100000.", "10000000"),
        Set(R, "log_backup_count", "int", "10", "Rotated log files kept.", "10"),
        Example(R, "http_proxy", "URL", "[integrations] http_proxy", "Proxy for SOAR REST over http. User and password may be in the URL; the password is never logged.", "http://proxy.example.com:3128"),
        Example(R, "https_proxy", "URL", "[integrations] https_proxy", "Proxy for SOAR REST over https.", "http://proxy.example.com:3128"),
        Set(R, "request_max_retries", "int", "5", "Retries of a failed SOAR REST call (connection errors, 5xx).", "5"),
        Set(R, "request_retry_delay", "duration (bare = seconds)", "2s", "Delay before the first retry.", "2"),
        Set(R, "request_retry_backoff", "number 1..10", "2", "Each further retry waits this many times longer (with jitter).", "2"),
        Set(R, "selftest_timeout", "duration (bare = seconds)", "10s", "Time each selftest check may take.", "10"),

        // [fn_aws_guardduty]
        Example(G, "aws_gd_access_key_id", "string", "none",
            "Static AWS access key id. Optional: without static keys the AWS default chain is used (environment, aws_gd_profile, SSO, ECS or EC2 instance role). Set both keys or neither.",
            "${AWS_GD_ACCESS_KEY_ID}"),
        Example(G, "aws_gd_secret_access_key", "secret", "none", "Static AWS secret access key.", "${AWS_GD_SECRET_ACCESS_KEY}"),
        Example(G, "aws_gd_session_token", "secret", "none", "Session token that goes with temporary static keys.", "${AWS_GD_SESSION_TOKEN}"),
        Example(G, "aws_gd_profile", "string", "none", "Profile of the shared AWS config/credentials files for the default chain (SSO profiles too).", "guardduty"),
        Example(G, "aws_gd_role_arn", "IAM role ARN", "none", "Role to assume with STS on top of the credentials above; refreshed before expiry.", "arn:aws:iam::123456789012:role/GuardDutySoar"),
        Example(G, "aws_gd_role_external_id", "string", "none", "External id required by the role's trust policy.", "soar-integration"),
        Example(G, "aws_gd_role_session_name", "string", "fn-aws-guardduty", "Session name of the assumed role.", "fn-aws-guardduty"),
        Set(G, "aws_gd_master_region", "region", Required, "Region used to list the account's regions (EC2 DescribeRegions) and by selftest; when absent, env AWS_REGION, else AWS_DEFAULT_REGION.", "us-east-1"),
        Set(G, "aws_gd_regions", "regex | list", Required,
            "Regions to poll: a regular expression found anywhere in the region name, case-insensitive (quotes are stripped: \".*\" = all, \"^(us|eu)-\"), or a comma-separated list of region names (us-east-1, eu-west-1). Only regions with GuardDuty enabled are processed.",
            ".*"),
        Set(G, "aws_gd_regions_interval", "duration (bare = minutes)", "60", "How often the region and detector list is refreshed.", "60"),
        Set(G, "aws_gd_polling_interval", "duration (bare = minutes)", "10", "Time between poll cycles. 0 turns the poller off.", "10"),
        Set(G, "aws_gd_polling_enabled", "bool", "true", "false turns the poller off on this instance; the functions still run.", "true"),
        Example(G, "aws_gd_severity_threshold", "number 0..10", "none",
            "Only findings of this severity or higher become incidents: 7.0-8.9 High, 4.0-6.9 Medium, 1.0-3.9 Low, 9.0-10.0 Critical.", "7"),
        Example(G, "aws_gd_lookback_interval", "duration (bare = minutes)", "none (everything)",
            "How far back the first cycle looks, and a newly seen region or detector. Empty or 0 reads every active finding.", "1440"),
        Example(G, "aws_gd_close_incident_template", "path", "built-in",
            "JSON fields used to close an incident whose finding was archived; the file must exist. Needed when the org requires extra fields on close.",
            "/etc/fn_aws_guardduty/incident_close.json"),
        Example(G, "http_proxy", "URL", "[integrations] http_proxy", "Proxy for AWS calls over http.", "http://proxy.example.com:3128"),
        Example(G, "https_proxy", "URL", "[integrations] https_proxy", "Proxy for AWS calls over https.", "http://proxy.example.com:3128"),
        Example(G, "aws_gd_use_fips", "bool", "env AWS_USE_FIPS_ENDPOINT, else false", "Use the FIPS endpoints of GuardDuty, EC2, STS and SQS (not with an endpoint override).", "false"),
        Example(G, "aws_gd_endpoint_url", "URL", "env AWS_ENDPOINT_URL_GUARDDUTY, else AWS_ENDPOINT_URL, else the region's endpoint",
            "GuardDuty endpoint override (PrivateLink, the sandbox).", "https://vpce-0123-abcd.guardduty.us-east-1.vpce.amazonaws.com"),
        Example(G, "aws_gd_ec2_endpoint_url", "URL", "env AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL, else the region's endpoint", "EC2 endpoint override for DescribeRegions.", "https://ec2.us-east-1.amazonaws.com"),
        Example(G, "aws_gd_sts_endpoint_url", "URL", "env AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else the region's endpoint", "STS endpoint override for AssumeRole.", "https://sts.us-east-1.amazonaws.com"),
        Set(G, "aws_gd_max_concurrent_regions", $"int {GuardDutyOptions.MinConcurrentRegions}..{GuardDutyOptions.MaxConcurrentRegionsLimit}", "4", "Regions polled at the same time.", "4"),
        Example(G, "aws_gd_finding_types", "regex", "all", "Only finding types this regex finds (case-insensitive) become incidents.", "^(Recon|UnauthorizedAccess):"),
        Example(G, "aws_gd_exclude_finding_types", "regex", "none", "Finding types this regex finds (case-insensitive) are skipped.", "^Policy:"),
        Example(G, "aws_gd_accounts", "regex", "all",
            "Only findings whose AccountId this regex finds become incidents (an administrator detector lists its member accounts' findings).", "^(111122223333|444455556666)$"),
        Example(G, "aws_gd_exclude_accounts", "regex", "none", "Findings whose AccountId this regex finds are skipped.", "^999999999999$"),
        Set(G, "aws_gd_max_findings_per_cycle", "int", "0", "Most findings one poll cycle works on; the rest carries over to the next cycle. 0 = no cap.", "0"),
        Set(G, "aws_gd_update_mode", "trigger|direct", "trigger",
            "How a known incident is updated when its finding changes: trigger flips aws_guardduty_trigger_refresh so the refresh playbook runs (IBM's way); direct makes the poller update fields and tables itself.",
            "trigger"),
        Set(G, "aws_gd_closed_incident_action", "leave|reopen", "leave",
            "When an active finding belongs to a closed incident: leave it closed (logged) or reopen it. A new incident is never created.", "leave"),
        Example(G, "aws_gd_state_dir", "path", "env FN_AWS_GUARDDUTY_STATE_DIR (the container image's volume), else fn_aws_guardduty_state beside this file",
            "Folder of the poller's checkpoint store.", "/var/lib/fn-aws-guardduty"),
        Set(G, "aws_gd_overlap", "duration (bare = minutes)", "5s",
            "Re-read window before the checkpoint, against clock skew (IBM's UPDATE_ALIGN_INTERVAL).", "5s"),
        Example(G, "aws_gd_max_retries", "int 0..20", "env AWS_MAX_ATTEMPTS minus 1, else 5", "Retries of a throttled or failed AWS call (jittered exponential backoff).", "5"),
        Set(G, "aws_gd_request_timeout", "duration (bare = minutes)", "30s", "Timeout of one AWS request.", "30s"),
        Example(G, "aws_gd_sqs_queue_url", "URL", "none (push off: the poller escalates)",
            "Turns the push intake on: the SQS queue the EventBridge rule feeds (deploy/aws/). A .fifo queue lets any number of instances share it; a standard queue allows one instance.",
            "https://sqs.eu-west-1.amazonaws.com/123456789012/fn-aws-guardduty.fifo"),
        Example(G, "aws_gd_sqs_endpoint_url", "URL", "env AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL, else the queue region's endpoint",
            "SQS endpoint override; requests are still signed for the queue URL's region.", "https://sqs.eu-west-1.amazonaws.com"),
        Example(G, "aws_gd_sqs_wait_time", "duration (bare = seconds) 0..20s", "20s", "Long-poll wait of each ReceiveMessage.", "20s"),
        Example(G, "aws_gd_sqs_max_messages", "int 1..10", "10", "Messages asked for per ReceiveMessage.", "10"),
        Example(G, "aws_gd_sqs_visibility_timeout", "duration (bare = seconds) 2s..12h", "60s",
            "Visibility asked for each received message; extended while it is still being processed.", "60s"),
        Example(G, "aws_gd_reconcile_interval", "duration (bare = minutes)", "60",
            "In push mode, the poller's interval instead of aws_gd_polling_interval: a backstop that sends what the queue missed into the same queue.", "60"),
        Example(G, "aws_gd_metrics_listen", "host:port", "none (no listener)",
            "Serves /metrics (Prometheus text), /healthz and /readyz on this address over plain HTTP. Host: an IP address, [IPv6], localhost or * (all interfaces).",
            "127.0.0.1:9464"),
        Set(G, "message_destination", "api name", "fn_aws_gd",
            "Message destination the functions are served on (subscribes to actions.<org_id>.<name>). Change it only if the SOAR customization was imported under another name.",
            "fn_aws_gd"),

        // [integrations]
        Example(I, "http_proxy", "URL", "none", "Default proxy for outbound http calls of every app.", "http://proxy.example.com:3128"),
        Example(I, "https_proxy", "URL", "none", "Default proxy for outbound https calls of every app.", "http://proxy.example.com:3128"),
        Set(I, "timeout", "duration (bare = seconds)", "30s", "Default timeout of outbound calls.", "30"),
    ];

    public static IEnumerable<ConfigKey> InSection(string section) => Keys.Where(k => k.Section == section);

    public static ConfigKey? Find(string section, string name) =>
        Keys.FirstOrDefault(k => k.Section == section && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ConfigKey Set(string section, string name, string type, string @default, string description, string value) =>
        new(section, name, type, @default, description, value, Commented: false);

    private static ConfigKey Example(string section, string name, string type, string @default, string description, string value) =>
        new(section, name, type, @default, description, value, Commented: true);
}
