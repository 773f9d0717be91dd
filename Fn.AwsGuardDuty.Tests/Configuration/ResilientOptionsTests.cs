using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class ResilientOptionsTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private string OneLine(string text) => new ConfigurationException(_files.Problems(text)).Message;

    [Test]
    public void Defaults()
    {
        var r = _files.Load(TestConfigFiles.Valid()).Resilient;
        r.Port.Should().Be(443);
        r.AuthMode.Should().Be(SoarAuthMode.ApiKey);
        r.Login.Should().Be("key-id-1");
        r.LoginSecret!.Reveal().Should().Be(TestConfigFiles.ApiKeySecret);
        r.CaFile.Should().Be(CaFileSetting.SystemRoots);
        r.EffectiveStompHost.Should().Be("soar.example.com");
        r.StompPort.Should().Be(65001);
        r.EffectiveStompCaFile.Should().Be(CaFileSetting.SystemRoots);
        r.StompTls.Should().BeTrue();
        r.StompTimeout.Should().Be(TimeSpan.FromSeconds(60));
        r.NumWorkers.Should().Be(10);
        r.EffectiveStompPrefetchLimit.Should().Be(10);
        r.LogDir.Should().BeNull();
        r.LogFile.Should().Be("app.log");
        r.LogLevel.Should().Be("INFO");
        r.LogMaxBytes.Should().Be(10_000_000);
        r.LogBackupCount.Should().Be(10);
        r.RequestMaxRetries.Should().Be(5);
        r.RequestRetryDelay.Should().Be(TimeSpan.FromSeconds(2));
        r.RequestRetryBackoff.Should().Be(2);
        r.SelftestTimeout.Should().Be(TimeSpan.FromSeconds(10));
        r.Destination.Should().Be("fn_aws_gd");
        r.HttpProxy.Should().BeNull();
    }

    [Test]
    public void Every_key_is_read()
    {
        var ca = _files.WriteCa("work/ca.pem");
        var r = _files.Load(TestConfigFiles.Valid(resilientExtra: """
            port = 8443
            cafile = ca.pem
            stomp_host = 127.0.0.1
            stomp_port = 61613
            stomp_cafile = false
            stomp_tls = no
            stomp_timeout = 2m
            stomp_prefetch_limit = 7
            num_workers = 25
            resource_prefix = /api/soar
            logdir = logs
            logfile = gd.log
            loglevel = debug
            log_max_bytes = 0
            log_backup_count = 3
            http_proxy = http://proxy:3128
            request_max_retries = 0
            request_retry_delay = 500s
            request_retry_backoff = 1.5
            selftest_timeout = 30
            """, guardDutyExtra: "message_destination = fn_aws_gd_v2")).Resilient;
        r.Port.Should().Be(8443);
        r.CaFile.Mode.Should().Be(CaFileMode.File);
        r.CaFile.Path.Should().Be(ca);
        r.CaFile.Bundle!.Certificates.Should().ContainSingle();
        r.EffectiveStompHost.Should().Be("127.0.0.1");
        r.StompPort.Should().Be(61613);
        r.EffectiveStompCaFile.Mode.Should().Be(CaFileMode.Disabled);
        r.StompTls.Should().BeFalse();
        r.StompTimeout.Should().Be(TimeSpan.FromMinutes(2));
        r.EffectiveStompPrefetchLimit.Should().Be(7);
        r.NumWorkers.Should().Be(25);
        r.ResourcePrefix.Should().Be("/api/soar");
        r.LogDir.Should().Be(Path.Combine(_files.Work, "logs"), "relative paths resolve against the folder of app.config");
        r.LogFile.Should().Be("gd.log");
        r.LogLevel.Should().Be("DEBUG");
        r.LogMaxBytes.Should().Be(0);
        r.LogBackupCount.Should().Be(3);
        r.HttpProxy!.Address.Should().Be(new Uri("http://proxy:3128"));
        r.RequestMaxRetries.Should().Be(0);
        r.RequestRetryDelay.Should().Be(TimeSpan.FromSeconds(500));
        r.RequestRetryBackoff.Should().Be(1.5);
        r.SelftestTimeout.Should().Be(TimeSpan.FromSeconds(30));
        r.Destination.Should().Be("fn_aws_gd_v2");
    }

    [Test]
    public void Email_and_password_when_there_is_no_api_key()
    {
        var r = _files.Load(TestConfigFiles.Valid().Replace("api_key_id = key-id-1", "email = a@b.c")
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "password = pw-value")).Resilient;
        r.AuthMode.Should().Be(SoarAuthMode.EmailPassword);
        r.Login.Should().Be("a@b.c");
        r.LoginSecret!.Reveal().Should().Be("pw-value");
    }

    [Test]
    public void The_api_key_wins_when_both_are_set()
    {
        var r = _files.Load(TestConfigFiles.Valid(resilientExtra: "email = a@b.c\npassword = pw-value")).Resilient;
        r.AuthMode.Should().Be(SoarAuthMode.ApiKey);
    }

    [Test]
    public void Environment_overrides_apply()
    {
        _files.Variables["LOGLEVEL"] = "warning";
        _files.Variables["APP_LOG_DIR"] = "/var/log/gd";
        _files.Variables["RESOURCE_PREFIX"] = "/p";
        _files.Variables["RESILIENT_STOMP_TIMEOUT"] = "5";
        var r = _files.Load(TestConfigFiles.Valid(resilientExtra: "loglevel = DEBUG\nlogdir = logs")).Resilient;
        r.LogLevel.Should().Be("WARNING");
        r.LogDir.Should().Be("/var/log/gd");
        r.ResourcePrefix.Should().Be("/p");
        r.StompTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Proxies_fall_back_to_the_integrations_section()
    {
        var config = _files.Load(TestConfigFiles.Valid(more: "[integrations]\nhttps_proxy = http://corp:8080\ntimeout = 45"));
        config.Resilient.HttpsProxy!.Address.Should().Be(new Uri("http://corp:8080"));
        config.GuardDuty.HttpsProxy!.Address.Should().Be(new Uri("http://corp:8080"));
        config.Integrations.Timeout.Should().Be(TimeSpan.FromSeconds(45));
    }

    [Test]
    public void Missing_org() =>
        OneLine(TestConfigFiles.Valid().Replace("org = Test Org", ""))
            .Should().Be("app.config: [resilient] org: is required (the org's name, uuid or cloud_account)");

    [Test]
    public void Missing_host() =>
        OneLine(TestConfigFiles.Valid().Replace("host = soar.example.com", "host ="))
            .Should().Be("app.config: [resilient] host: is required (the SOAR server's host name)");

    [Test]
    public void A_url_is_not_a_host() =>
        OneLine(TestConfigFiles.Valid().Replace("host = soar.example.com", "host = https://soar.example.com"))
            .Should().Be("app.config: [resilient] host: 'https://soar.example.com' is not a host name (write it without https:// or a port)");

    [TestCase("port = abc", "app.config: [resilient] port: 'abc' is not a whole number")]
    [TestCase("port = 0", "app.config: [resilient] port: 0 is out of range (1..65535)")]
    [TestCase("port = 70000", "app.config: [resilient] port: 70000 is out of range (1..65535)")]
    [TestCase("stomp_port = -1", "app.config: [resilient] stomp_port: -1 is out of range (1..65535)")]
    [TestCase("num_workers = 0", "app.config: [resilient] num_workers: 0 is out of range (1..2000)")]
    [TestCase("num_workers = 2001", "app.config: [resilient] num_workers: 2001 is out of range (1..2000)")]
    [TestCase("stomp_prefetch_limit = 5000", "app.config: [resilient] stomp_prefetch_limit: 5000 is out of range (1..2000)")]
    [TestCase("stomp_timeout = 0", "app.config: [resilient] stomp_timeout: must be longer than 0")]
    [TestCase("stomp_tls = false", "app.config: [resilient] stomp_tls: false is allowed only for a loopback stomp_host, not 'soar.example.com'")]
    [TestCase("stomp_tls = maybe", "app.config: [resilient] stomp_tls: 'maybe' is not a boolean (true/false, yes/no, 1/0)")]
    [TestCase("stomp_host = not a host", "app.config: [resilient] stomp_host: 'not a host' is not a host name")]
    [TestCase("loglevel = verbose", "app.config: [resilient] loglevel: 'VERBOSE' is not one of TRACE, DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL, FATAL")]
    [TestCase("logfile = a/b.log", "app.config: [resilient] logfile: must be a file name (the folder is logdir)")]
    [TestCase("log_max_bytes = 5000", "app.config: [resilient] log_max_bytes: must be 0 (no rotation) or at least 100000")]
    [TestCase("log_backup_count = -1", "app.config: [resilient] log_backup_count: -1 is out of range (0..1000)")]
    [TestCase("request_max_retries = -2", "app.config: [resilient] request_max_retries: -2 is out of range (0..100)")]
    [TestCase("request_retry_backoff = 0.5", "app.config: [resilient] request_retry_backoff: must be a number from 1 to 10")]
    [TestCase("request_retry_backoff = fast", "app.config: [resilient] request_retry_backoff: 'fast' is not a number")]
    [TestCase("selftest_timeout = 0s", "app.config: [resilient] selftest_timeout: must be longer than 0")]
    [TestCase("https_proxy = ftp://proxy:21", "app.config: [resilient] https_proxy: scheme ftp is not supported (use http, https, socks4, socks4a or socks5)")]
    [TestCase("https_proxy = proxy:3128", "app.config: [resilient] https_proxy: must be a URL such as http://proxy.example.com:3128")]
    [TestCase("http_proxy = not a url", "app.config: [resilient] http_proxy: must be a URL such as http://proxy.example.com:3128")]
    public void Bad_values_are_one_line_naming_the_key(string line, string expected) =>
        OneLine(TestConfigFiles.Valid(resilientExtra: line)).Should().Be(expected);

    [Test]
    public void A_loopback_broker_may_go_without_tls()
    {
        _files.Load(TestConfigFiles.Valid(resilientExtra: "stomp_host = localhost\nstomp_tls = false")).Resilient.StompTls.Should().BeFalse();
        _files.Load(TestConfigFiles.Valid(resilientExtra: "stomp_host = ::1\nstomp_tls = 0")).Resilient.StompTls.Should().BeFalse();
    }

    [Test]
    public void A_bad_message_destination_is_reported_in_the_app_section() =>
        OneLine(TestConfigFiles.Valid(guardDutyExtra: "message_destination = fn aws"))
            .Should().Be("app.config: [fn_aws_guardduty] message_destination: 'fn aws' is not a message destination api name (letters, digits and _)");

    [Test]
    public void An_unknown_cafile_path_names_the_key_and_the_path()
    {
        OneLine(TestConfigFiles.Valid(resilientExtra: "cafile = /no/such/ca.pem")).Should()
            .Be("app.config: [resilient] cafile: file not found: /no/such/ca.pem (use a CA bundle path, or false to turn verification off)");
        OneLine(TestConfigFiles.Valid(resilientExtra: "stomp_cafile = ~/missing.pem")).Should()
            .Be($"app.config: [resilient] stomp_cafile: file not found: {Path.Combine(_files.Home, "missing.pem")} (use a CA bundle path, or false to turn verification off)");
    }

    [Test]
    public void Cafile_false_turns_verification_off_with_a_warning()
    {
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: "cafile = False"));
        config.Resilient.CaFile.Mode.Should().Be(CaFileMode.Disabled);
        config.Resilient.EffectiveStompCaFile.Mode.Should().Be(CaFileMode.Disabled);
        config.Warnings.Should().Contain("app.config: [resilient] cafile: false: the SOAR server's TLS certificate is NOT verified");
    }

    [Test]
    public void Cafile_tilde_is_expanded()
    {
        var ca = _files.WriteCa("home/certs/ca.pem");
        _files.Load(TestConfigFiles.Valid(resilientExtra: "cafile = ~/certs/ca.pem")).Resilient.CaFile.Path.Should().Be(ca);
    }

    [TestCase("api_key_id = key-id-1", "", "app.config: [resilient] api_key_secret: is required when api_key_id is set")]
    [TestCase("", "api_key_secret = x-secret", "app.config: [resilient] api_key_id: is required when api_key_secret is set")]
    [TestCase("email = a@b.c", "", "app.config: [resilient] password: is required when email is set (there is no interactive prompt)")]
    [TestCase("", "password = pw-value", "app.config: [resilient] email: is required when password is set")]
    [TestCase("", "", "app.config: [resilient] api_key_id: credentials are required: api_key_id and api_key_secret, or email and password")]
    public void Credentials_need_one_complete_pair(string first, string second, string expected)
    {
        var text = TestConfigFiles.Valid()
            .Replace("api_key_id = key-id-1", first)
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", second);
        OneLine(text).Should().Be(expected);
    }

    [Test]
    public void Several_problems_make_one_line_with_a_count_and_are_all_listed()
    {
        var problems = _files.Problems(TestConfigFiles.Valid(resilientExtra: "port = x\nnum_workers = 0").Replace("org = Test Org", ""));
        problems.Select(p => p.Key).Should().BeEquivalentTo("port", "org", "num_workers");
        var line = new ConfigurationException(problems).Message;
        line.Should().StartWith("app.config: [resilient] port: 'x' is not a whole number (and 2 more problems");
        line.Should().NotContain("\n");
    }

    [Test]
    public void A_missing_resilient_section_names_its_first_key()
    {
        var problems = _files.Problems("[fn_aws_guardduty]\naws_gd_master_region = us-east-1\naws_gd_regions = .*\n");
        problems[0].ToString().Should().Be("app.config: [resilient] host: is required (the SOAR server's host name)");
    }
}
