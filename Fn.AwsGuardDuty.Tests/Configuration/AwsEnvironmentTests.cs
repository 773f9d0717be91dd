using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Tests.Cli;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>
/// The AWS SDKs' environment variables as configuration reads them: which source wins, and a wrong value is exit 2 naming
/// the variable. (The calls they steer are proven against the emulators in GuardDuty/Contract/AwsEnvironmentContractTests.)
/// </summary>
public class AwsEnvironmentTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private GuardDutyOptions Load(string guardDutyExtra = "", bool withMasterRegion = true)
    {
        var text = TestConfigFiles.Valid(guardDutyExtra: guardDutyExtra);
        return _files.Load(withMasterRegion ? text : text.Replace("aws_gd_master_region = us-east-1", "")).GuardDuty;
    }

    [Test]
    public void Endpoints_come_from_the_key_then_the_service_variable_then_AWS_ENDPOINT_URL()
    {
        _files.Variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1000";
        _files.Variables["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:2000";

        var g = Load("aws_gd_sts_endpoint_url = http://127.0.0.1:3000");

        g.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:1000"));
        g.Ec2EndpointUrl.Should().Be(new Uri("http://127.0.0.1:2000"));
        g.StsEndpointUrl.Should().Be(new Uri("http://127.0.0.1:3000"));
    }

    [Test]
    public void AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_turns_the_endpoint_variables_off_but_not_the_keys()
    {
        _files.Variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1000";
        _files.Variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";

        var g = Load("aws_gd_ec2_endpoint_url = http://127.0.0.1:3000");

        g.EndpointUrl.Should().BeNull();
        g.Ec2EndpointUrl.Should().Be(new Uri("http://127.0.0.1:3000"));
    }

    [Test]
    public void Region_fips_attempts_mode_and_bundle_are_read_and_the_keys_win()
    {
        _files.Variables["AWS_REGION"] = "EU-West-2";
        _files.Variables["AWS_DEFAULT_REGION"] = "us-west-1";
        _files.Variables["AWS_USE_FIPS_ENDPOINT"] = "TRUE";
        _files.Variables["AWS_MAX_ATTEMPTS"] = "3";
        _files.Variables["AWS_RETRY_MODE"] = "adaptive";
        _files.Variables["AWS_CA_BUNDLE"] = _files.WriteCa("work/aws-ca.pem");

        var fromEnvironment = Load(withMasterRegion: false);
        var fromKeys = Load("aws_gd_use_fips = false\naws_gd_max_retries = 1");

        fromEnvironment.MasterRegion.Should().Be("eu-west-2");
        fromEnvironment.UseFips.Should().BeTrue();
        fromEnvironment.MaxRetries.Should().Be(2, "AWS_MAX_ATTEMPTS counts the first attempt");
        fromEnvironment.RetryMode.Should().Be(AwsRetryMode.Adaptive);
        fromEnvironment.CaBundle!.Certificates.Should().ContainSingle();
        fromKeys.MasterRegion.Should().Be("us-east-1");
        fromKeys.UseFips.Should().BeFalse();
        fromKeys.MaxRetries.Should().Be(1);
    }

    private static readonly object[] BadVariables =
    [
        new object[] { "AWS_RETRY_MODE", "fast", "app.config: AWS_RETRY_MODE: (environment variable) 'fast' must be legacy, standard or adaptive" },
        new object[] { "AWS_MAX_ATTEMPTS", "0", "app.config: AWS_MAX_ATTEMPTS: (environment variable) '0' must be a whole number of attempts from 1 to 20 (the first attempt included)" },
        new object[] { "AWS_MAX_ATTEMPTS", "three", "app.config: AWS_MAX_ATTEMPTS: (environment variable) 'three' must be a whole number of attempts from 1 to 20 (the first attempt included)" },
        new object[] { "AWS_USE_FIPS_ENDPOINT", "yes", "app.config: AWS_USE_FIPS_ENDPOINT: (environment variable) 'yes' must be true or false" },
        new object[] { "AWS_ENDPOINT_URL", "ftp://x", "app.config: AWS_ENDPOINT_URL: (environment variable) 'ftp://x' is not an absolute http:// or https:// URL" },
        new object[] { "AWS_ENDPOINT_URL_GUARDDUTY", "not a url", "app.config: AWS_ENDPOINT_URL_GUARDDUTY: (environment variable) 'not a url' is not an absolute http:// or https:// URL" },
        new object[] { "AWS_REGION", "mars", "app.config: AWS_REGION: (environment variable) 'mars' is not a region name such as us-east-1" },
        new object[] { "AWS_CA_BUNDLE", "/no/such/bundle.pem", "app.config: AWS_CA_BUNDLE: (environment variable) file not found: /no/such/bundle.pem (a PEM bundle of the CA certificates to trust for AWS)" },
    ];

    [TestCaseSource(nameof(BadVariables))]
    public async Task Run_with_a_bad_AWS_variable_exits_2_with_one_line_naming_it(string variable, string value, string line)
    {
        using var cli = new CliHarness();
        cli.Files.Variables[variable] = value;
        var path = cli.Files.Write(TestConfigFiles.Valid());

        (await cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);

        cli.ErrorLines.Should().Equal(line);
    }

    [Test]
    public async Task Run_with_an_AWS_CA_BUNDLE_that_is_not_a_certificate_exits_2_naming_it()
    {
        using var cli = new CliHarness();
        cli.Files.Variables["AWS_CA_BUNDLE"] = cli.Files.Write("not a certificate\n", "work/bundle.pem");
        var path = cli.Files.Write(TestConfigFiles.Valid());

        (await cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);

        cli.ErrorLines.Should().ContainSingle().Which.Should().StartWith("app.config: AWS_CA_BUNDLE: (environment variable) ");
    }
}
