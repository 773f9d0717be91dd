using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>The verbs without any server: config, broken configs, help. run and selftest against the sandbox are in RunCommand*Tests and Selftest*Tests.</summary>
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

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Config_u_leaves_the_file_0600_and_no_temp_file()
    {
        var path = WriteConfig(TestConfigFiles.Valid());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        (await _cli.RunAsync("config", "-u", "-c", path)).Should().Be(ExitCodes.Ok);

        File.ReadAllText(path).Should().Contain("stomp_port");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "app.config holds secrets");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Config_u_keeps_a_stricter_mode()
    {
        var path = WriteConfig(TestConfigFiles.Valid());
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        (await _cli.RunAsync("config", "-u", "-c", path)).Should().Be(ExitCodes.Ok);

        File.ReadAllText(path).Should().Contain("stomp_port");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [TestCase("stomp_cafile")]
    [TestCase("cafile")]
    public async Task Run_with_a_CA_file_that_is_not_a_certificate_exits_2_naming_the_key(string key)
    {
        var garbage = _cli.Files.Write("this is not a certificate\n", "work/garbage-ca.pem");
        var path = WriteConfig(TestConfigFiles.Valid(resilientExtra: $"{key} = {garbage}\nrequest_max_retries = 0"));

        (await _cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);

        _cli.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"app.config: [resilient] {key}: {garbage} ");
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
