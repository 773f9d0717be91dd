using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

public class VerbTests
{
    private CliHarness _cli = null!;

    [SetUp]
    public void SetUp() => _cli = new CliHarness();

    [TearDown]
    public void TearDown() => _cli.Dispose();

    private string WriteConfig(string text) => _cli.Files.Write(text);

    [Test]
    public async Task Config_prints_the_default_config()
    {
        (await _cli.RunAsync("config")).Should().Be(ExitCodes.Ok);
        _cli.Out.ToString().Should().Be(DefaultConfigWriter.Write());
    }

    [Test]
    public async Task Config_u_adds_missing_keys_to_the_located_file()
    {
        var path = WriteConfig(TestConfigFiles.Valid());
        (await _cli.RunAsync("config", "-u", "-c", path)).Should().Be(ExitCodes.Ok);
        _cli.Out.ToString().Should().StartWith($"{path}: added ").And.Contain("[resilient] stomp_port");
        File.ReadAllText(path).Should().Contain("aws_gd_update_mode = trigger").And.Contain("host = soar.example.com");

        _cli.Out.GetStringBuilder().Clear();
        (await _cli.RunAsync("config", "--update")).Should().Be(ExitCodes.Ok, "./app.config is found without -c");
        _cli.Out.ToString().Should().Contain("nothing added");
    }

    [Test]
    public async Task Config_u_without_a_file_is_a_configuration_error()
    {
        (await _cli.RunAsync("config", "-u")).Should().Be(ExitCodes.ConfigurationError);
        _cli.ErrorLines.Should().ContainSingle().Which.Should().StartWith("app.config: no configuration file found");
    }

    private static readonly object[] BrokenConfigs =
    [
        new object[] { TestConfigFiles.Valid().Replace("org = Test Org", ""), "app.config: [resilient] org: is required (the org's name, uuid or cloud_account)" },
        new object[] { TestConfigFiles.Valid(resilientExtra: "port = 99999"), "app.config: [resilient] port: 99999 is out of range (1..65535)" },
        new object[] { TestConfigFiles.Valid(resilientExtra: "port = https"), "app.config: [resilient] port: 'https' is not a whole number" },
        new object[] { TestConfigFiles.Valid(resilientExtra: "cafile = /etc/no-such-ca.pem"), "app.config: [resilient] cafile: file not found: /etc/no-such-ca.pem (use a CA bundle path, or false to turn verification off)" },
        new object[] { "[resilient]\nhost = soar\nhost = again\n", "app.config: [resilient] host: key appears twice in the section" },
    ];

    [TestCaseSource(nameof(BrokenConfigs))]
    public async Task Run_with_a_broken_config_exits_2_with_one_line_naming_the_key(string text, string line)
    {
        var path = WriteConfig(text);
        (await _cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);
        _cli.ErrorLines.Should().Equal(line);
        _cli.Out.ToString().Should().BeEmpty();
    }

    [TestCaseSource(nameof(BrokenConfigs))]
    public async Task Selftest_with_a_broken_config_exits_2_and_shows_the_reason(string text, string line)
    {
        var path = WriteConfig(text);
        (await _cli.RunAsync("selftest", "--config", path)).Should().Be(ExitCodes.ConfigurationError);
        _cli.ErrorLines.Should().Equal(line);
        _cli.Out.ToString().Should().Contain("Configuration").And.Contain("FAIL").And.Contain("SKIPPED");
    }

    [Test]
    public async Task Run_without_any_config_exits_2()
    {
        (await _cli.RunAsync("run")).Should().Be(ExitCodes.ConfigurationError);
        _cli.ErrorLines.Should().ContainSingle().Which.Should().StartWith("app.config: no configuration file found (tried ");
    }

    [Test]
    public async Task Run_starts_logs_and_stops_cleanly_with_exit_0()
    {
        var logDir = Path.Combine(_cli.Files.Directory, "logs");
        var path = WriteConfig(TestConfigFiles.Valid(resilientExtra: $"logdir = {logDir}\nloglevel = DEBUG\ncafile = false"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cli.ConfigureServices = s => s.AddHostedService(sp => ActivatorUtilities.CreateInstance<StartedProbe>(sp, started));
        using var stop = new CancellationTokenSource();

        var run = _cli.App.RunAsync(["run", "-c", path], stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        run.IsCompleted.Should().BeFalse("run keeps running until it is told to stop");
        await stop.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(ExitCodes.Ok);
        var log = await File.ReadAllTextAsync(Path.Combine(logDir, "app.log"));
        log.Should().Contain($"fn-aws-guardduty {AppVersion.Current} started")
            .And.Contain("cafile: false: the SOAR server's TLS certificate is NOT verified")
            .And.Contain("fn-aws-guardduty stopped");
        log.Should().NotContain(TestConfigFiles.ApiKeySecret);
        _cli.Error.ToString().Should().BeEmpty();
    }

    [Test]
    public async Task Run_exits_1_when_a_hosted_service_fails()
    {
        var logDir = Path.Combine(_cli.Files.Directory, "logs");
        var path = WriteConfig(TestConfigFiles.Valid(resilientExtra: $"logdir = {logDir}"));
        _cli.ConfigureServices = s => s.AddHostedService<FailingService>();
        var code = await _cli.App.RunAsync(["run", "-c", path]).WaitAsync(TimeSpan.FromSeconds(20));
        code.Should().Be(ExitCodes.RuntimeFailure);
        (await File.ReadAllTextAsync(Path.Combine(logDir, "app.log"))).Should().Contain("the listener broke");
    }

    [Test]
    public async Task Selftest_passes_with_a_valid_config()
    {
        var path = WriteConfig(TestConfigFiles.Valid());
        (await _cli.RunAsync("selftest", "-c", path)).Should().Be(ExitCodes.Ok);
        var table = _cli.Out.ToString();
        table.Should().Contain("Configuration").And.Contain("PASS").And.Contain("all checks passed");
        table.Should().NotContain(TestConfigFiles.ApiKeySecret);
    }

    [Test]
    public async Task Selftest_rows_added_by_other_parts_run_in_order_and_a_failure_exits_1()
    {
        var path = WriteConfig(TestConfigFiles.Valid());
        _cli.ConfigureServices = s =>
        {
            s.AddSingleton<ISelfTestCheck>(new FixedCheck("SOAR REST", SelfTestResult.Pass("logged in, org 201")));
            s.AddSingleton<ISelfTestCheck>(new FixedCheck("STOMP", SelfTestResult.Fail("connection refused", "check stomp_port")));
            s.AddSingleton<ISelfTestCheck>(new FixedCheck("AWS", SelfTestResult.Skipped("poller off")));
            s.AddSingleton<ISelfTestCheck>(new ThrowingCheck("exploded with " + TestConfigFiles.ApiKeySecret));
        };
        (await _cli.RunAsync("selftest", "-c", path)).Should().Be(ExitCodes.RuntimeFailure);
        var table = _cli.Out.ToString();
        table.IndexOf("Configuration", StringComparison.Ordinal).Should().BeLessThan(table.IndexOf("SOAR REST", StringComparison.Ordinal));
        table.IndexOf("SOAR REST", StringComparison.Ordinal).Should().BeLessThan(table.IndexOf("STOMP", StringComparison.Ordinal));
        table.Should().Contain("connection refused").And.Contain("check stomp_port").And.Contain("SKIPPED")
            .And.Contain("InvalidOperationException").And.Contain("2 of 5 checks failed");
        table.Should().NotContain(TestConfigFiles.ApiKeySecret, "row messages go through the redactor");
    }

    [Test]
    public async Task A_selftest_row_that_hangs_fails_after_selftest_timeout()
    {
        var path = WriteConfig(TestConfigFiles.Valid(resilientExtra: "selftest_timeout = 1"));
        _cli.ConfigureServices = s => s.AddSingleton<ISelfTestCheck, HangingCheck>();
        (await _cli.RunAsync("selftest", "-c", path).WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(ExitCodes.RuntimeFailure);
        _cli.Out.ToString().Should().Contain("timed out after 1 s");
    }

    [Test]
    public async Task Customize_without_a_config_is_a_configuration_error()
    {
        (await _cli.RunAsync("customize", "-y")).Should().Be(ExitCodes.ConfigurationError);
        _cli.Error.ToString().Should().NotBeEmpty();
    }

    [TestCase("run")]
    [TestCase("selftest")]
    [TestCase("customize")]
    [TestCase("config")]
    public async Task Every_verb_has_help_with_the_config_option(string verb)
    {
        (await _cli.RunAsync(verb, "--help")).Should().Be(ExitCodes.Ok);
        _cli.Out.ToString().Should().Contain("-c, --config <PATH>").And.Contain("Usage:");
    }

    [Test]
    public async Task The_root_help_lists_the_verbs()
    {
        (await _cli.RunAsync("--help")).Should().Be(ExitCodes.Ok);
        _cli.Out.ToString().Should().Contain("run").And.Contain("selftest").And.Contain("customize").And.Contain("config");
    }

    [Test]
    public async Task An_unknown_verb_is_a_usage_error()
    {
        (await _cli.RunAsync("frobnicate")).Should().Be(ExitCodes.RuntimeFailure);
        _cli.Error.ToString().Should().NotBeEmpty();
    }
}
