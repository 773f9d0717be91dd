using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class GuardDutyOptionsTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private GuardDutyOptions Load(string extra) => _files.Load(TestConfigFiles.Valid(guardDutyExtra: extra)).GuardDuty;

    private string OneLine(string extra) => new ConfigurationException(_files.Problems(TestConfigFiles.Valid(guardDutyExtra: extra))).Message;

    [Test]
    public void Defaults()
    {
        var g = Load("");
        g.HasStaticKeys.Should().BeFalse("without keys the AWS default chain is used");
        g.MasterRegion.Should().Be("us-east-1");
        g.Regions!.Text.Should().Be(".*");
        g.RegionsInterval.Should().Be(TimeSpan.FromMinutes(60));
        g.PollingInterval.Should().Be(TimeSpan.FromMinutes(10));
        g.PollingEnabled.Should().BeTrue();
        g.PollerActive.Should().BeTrue();
        g.SeverityThreshold.Should().BeNull();
        g.LookbackInterval.Should().BeNull();
        g.CloseIncidentTemplate.Should().BeNull();
        g.UseFips.Should().BeFalse();
        g.EndpointUrl.Should().BeNull();
        g.MaxConcurrentRegions.Should().Be(4);
        g.FindingTypes.Should().BeNull();
        g.ExcludeFindingTypes.Should().BeNull();
        g.MaxFindingsPerCycle.Should().Be(0);
        g.UpdateMode.Should().Be(UpdateMode.Trigger);
        g.ClosedIncidentAction.Should().Be(ClosedIncidentAction.Leave);
        g.StateDir.Should().Be(Path.Combine(_files.Work, "fn_aws_guardduty_state"), "beside app.config");
        g.Overlap.Should().Be(TimeSpan.FromSeconds(5));
        g.MaxRetries.Should().Be(5);
        g.RequestTimeout.Should().Be(TimeSpan.FromSeconds(30));
        g.RoleSessionName.Should().Be("fn-aws-guardduty");
    }

    [Test]
    public void Every_key_is_read()
    {
        var template = _files.Write("{\"plan_status\":\"C\"}", "work/close.json");
        var g = Load($"""
            aws_gd_access_key_id = AKIAEXAMPLE
            aws_gd_secret_access_key = {TestConfigFiles.AwsSecret}
            aws_gd_session_token = token-value-123
            aws_gd_profile = prof
            aws_gd_role_arn = arn:aws:iam::123456789012:role/GuardDutySoar
            aws_gd_role_external_id = ext-1
            aws_gd_role_session_name = soar@gd
            aws_gd_regions_interval = 30
            aws_gd_polling_interval = 1m
            aws_gd_polling_enabled = yes
            aws_gd_severity_threshold = 6.5
            aws_gd_lookback_interval = 1440
            aws_gd_close_incident_template = close.json
            https_proxy = http://user:p%40ss@proxy:3128
            aws_gd_ec2_endpoint_url = http://127.0.0.1:9001
            aws_gd_sts_endpoint_url = http://127.0.0.1:9002
            aws_gd_endpoint_url = http://127.0.0.1:9000
            aws_gd_max_concurrent_regions = 8
            aws_gd_finding_types = ^Recon:
            aws_gd_exclude_finding_types = PortProbe
            aws_gd_max_findings_per_cycle = 500
            aws_gd_update_mode = Direct
            aws_gd_closed_incident_action = reopen
            aws_gd_state_dir = ~/state
            aws_gd_overlap = 0
            aws_gd_max_retries = 3
            aws_gd_request_timeout = 10s
            """);
        g.HasStaticKeys.Should().BeTrue();
        g.AccessKeyId.Should().Be("AKIAEXAMPLE");
        g.SecretAccessKey!.Reveal().Should().Be(TestConfigFiles.AwsSecret);
        g.SessionToken!.Reveal().Should().Be("token-value-123");
        g.Profile.Should().Be("prof");
        g.RoleArn.Should().Be("arn:aws:iam::123456789012:role/GuardDutySoar");
        g.RoleExternalId.Should().Be("ext-1");
        g.RoleSessionName.Should().Be("soar@gd");
        g.RegionsInterval.Should().Be(TimeSpan.FromMinutes(30));
        g.PollingInterval.Should().Be(TimeSpan.FromMinutes(1));
        g.SeverityThreshold.Should().Be(6.5);
        g.LookbackInterval.Should().Be(TimeSpan.FromDays(1));
        g.CloseIncidentTemplate.Should().Be(template);
        g.HttpsProxy!.Address.Should().Be(new Uri("http://proxy:3128"));
        g.HttpsProxy.UserName.Should().Be("user");
        g.HttpsProxy.Password!.Reveal().Should().Be("p@ss");
        g.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:9000"));
        g.Ec2EndpointUrl.Should().Be(new Uri("http://127.0.0.1:9001"));
        g.StsEndpointUrl.Should().Be(new Uri("http://127.0.0.1:9002"));
        g.MaxConcurrentRegions.Should().Be(8);
        g.FindingTypes!.IsMatch("recon:EC2/PortProbeUnprotectedPort").Should().BeTrue("case-insensitive");
        g.ExcludeFindingTypes!.IsMatch("Recon:EC2/PortProbeUnprotectedPort").Should().BeTrue();
        g.MaxFindingsPerCycle.Should().Be(500);
        g.UpdateMode.Should().Be(UpdateMode.Direct);
        g.ClosedIncidentAction.Should().Be(ClosedIncidentAction.Reopen);
        g.StateDir.Should().Be(Path.Combine(_files.Home, "state"));
        g.Overlap.Should().Be(TimeSpan.Zero);
        g.MaxRetries.Should().Be(3);
        g.RequestTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void Polling_interval_zero_turns_the_poller_off_as_in_IBMs_app()
    {
        Load("aws_gd_polling_interval = 0").PollerActive.Should().BeFalse();
        Load("aws_gd_polling_enabled = false").PollerActive.Should().BeFalse();
    }

    [Test]
    public void A_severity_threshold_of_zero_is_honoured() => Load("aws_gd_severity_threshold = 0").SeverityThreshold.Should().Be(0);

    [Test]
    public void A_lookback_of_zero_means_none_as_in_IBMs_app() => Load("aws_gd_lookback_interval = 0").LookbackInterval.Should().BeNull();

    [Test]
    public void Endpoint_overrides_fall_back_to_the_AWS_environment_variables()
    {
        _files.Variables["AWS_ENDPOINT_URL_GUARDDUTY"] = "http://127.0.0.1:4566";
        _files.Variables["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:4567";
        var g = Load("");
        g.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:4566"));
        g.Ec2EndpointUrl.Should().Be(new Uri("http://127.0.0.1:4567"));
        Load("aws_gd_endpoint_url = http://127.0.0.1:1").EndpointUrl.Should().Be(new Uri("http://127.0.0.1:1"), "the key wins");
    }

    [Test]
    public void Reference_configs_with_static_keys_still_load()
    {
        var g = Load($"aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = {TestConfigFiles.AwsSecret}\naws_gd_regions_interval = 60\naws_gd_polling_interval = 10");
        g.HasStaticKeys.Should().BeTrue();
    }

    [TestCase("aws_gd_access_key_id = AKIA1", "app.config: [fn_aws_guardduty] aws_gd_secret_access_key: is required when aws_gd_access_key_id is set")]
    [TestCase("aws_gd_secret_access_key = abcdefgh", "app.config: [fn_aws_guardduty] aws_gd_access_key_id: is required when aws_gd_secret_access_key is set")]
    [TestCase("aws_gd_session_token = tok-123", "app.config: [fn_aws_guardduty] aws_gd_session_token: needs aws_gd_access_key_id and aws_gd_secret_access_key")]
    [TestCase("aws_gd_role_arn = arn:aws:iam::12:user/x", "app.config: [fn_aws_guardduty] aws_gd_role_arn: 'arn:aws:iam::12:user/x' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)")]
    [TestCase("aws_gd_role_external_id = x", "app.config: [fn_aws_guardduty] aws_gd_role_external_id: needs aws_gd_role_arn")]
    [TestCase("aws_gd_role_session_name = a b", "app.config: [fn_aws_guardduty] aws_gd_role_session_name: must be 2 to 64 characters of letters, digits and +=,.@_-")]
    [TestCase("aws_gd_regions_interval = 0", "app.config: [fn_aws_guardduty] aws_gd_regions_interval: must be longer than 0")]
    [TestCase("aws_gd_severity_threshold = 11", "app.config: [fn_aws_guardduty] aws_gd_severity_threshold: must be a number from 0 to 10")]
    [TestCase("aws_gd_severity_threshold = high", "app.config: [fn_aws_guardduty] aws_gd_severity_threshold: 'high' is not a number")]
    [TestCase("aws_gd_close_incident_template = /no/close.json", "app.config: [fn_aws_guardduty] aws_gd_close_incident_template: file not found: /no/close.json")]
    [TestCase("aws_gd_endpoint_url = ftp://x", "app.config: [fn_aws_guardduty] aws_gd_endpoint_url: 'ftp://x' is not an absolute http:// or https:// URL")]
    [TestCase("aws_gd_endpoint_url = http://127.0.0.1:1\naws_gd_use_fips = true", "app.config: [fn_aws_guardduty] aws_gd_use_fips: FIPS (aws_gd_use_fips or AWS_USE_FIPS_ENDPOINT) cannot be combined with a GuardDuty endpoint override (aws_gd_endpoint_url, AWS_ENDPOINT_URL_GUARDDUTY or AWS_ENDPOINT_URL)")]
    [TestCase("aws_gd_max_concurrent_regions = 0", "app.config: [fn_aws_guardduty] aws_gd_max_concurrent_regions: 0 is out of range (1..64)")]
    [TestCase("aws_gd_max_findings_per_cycle = -1", "app.config: [fn_aws_guardduty] aws_gd_max_findings_per_cycle: -1 is out of range (0..10000000)")]
    [TestCase("aws_gd_finding_types = ([", "app.config: [fn_aws_guardduty] aws_gd_finding_types: '([' is not a valid regular expression*")]
    [TestCase("aws_gd_exclude_finding_types = *x", "app.config: [fn_aws_guardduty] aws_gd_exclude_finding_types: '*x' is not a valid regular expression*")]
    [TestCase("aws_gd_update_mode = push", "app.config: [fn_aws_guardduty] aws_gd_update_mode: 'push' must be one of trigger, direct")]
    [TestCase("aws_gd_closed_incident_action = delete", "app.config: [fn_aws_guardduty] aws_gd_closed_incident_action: 'delete' must be one of leave, reopen")]
    [TestCase("aws_gd_overlap = 2h", "app.config: [fn_aws_guardduty] aws_gd_overlap: must be from 0s to 1h")]
    [TestCase("aws_gd_max_retries = 50", "app.config: [fn_aws_guardduty] aws_gd_max_retries: 50 is out of range (0..20)")]
    [TestCase("aws_gd_request_timeout = 0", "app.config: [fn_aws_guardduty] aws_gd_request_timeout: must be longer than 0")]
    public void Bad_values_are_one_line_naming_the_key(string extra, string expected) =>
        OneLine(extra).Should().Match(expected);

    [Test]
    public void Master_region_and_regions_are_required()
    {
        var problems = _files.Problems(TestConfigFiles.Valid().Replace("aws_gd_master_region = us-east-1", "").Replace("aws_gd_regions = \".*\"", ""));
        problems.Select(p => p.ToString()).Should().Equal(
            "app.config: [fn_aws_guardduty] aws_gd_master_region: is required (the region used to list regions, e.g. us-east-1; AWS_REGION or AWS_DEFAULT_REGION also set it)",
            "app.config: [fn_aws_guardduty] aws_gd_regions: is required (a regular expression such as .* or a list such as us-east-1, eu-west-1)");
    }

    [Test]
    public void A_bad_master_region_is_named() =>
        new ConfigurationException(_files.Problems(TestConfigFiles.Valid().Replace("aws_gd_master_region = us-east-1", "aws_gd_master_region = useast")))
            .Message.Should().Be("app.config: [fn_aws_guardduty] aws_gd_master_region: 'useast' is not a region name such as us-east-1");

    [Test]
    public void Unknown_keys_in_the_app_section_are_warnings()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_poling_interval = 5"));
        config.Warnings.Should().ContainSingle().Which.Should().Be("app.config: [fn_aws_guardduty] aws_gd_poling_interval: unknown key, ignored (a typo?)");
    }

    [Test]
    public void A_profile_beside_static_keys_is_a_warning()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = {TestConfigFiles.AwsSecret}\naws_gd_profile = p"));
        config.Warnings.Should().Contain(w => w.Contains("aws_gd_profile: is ignored"));
    }
}
