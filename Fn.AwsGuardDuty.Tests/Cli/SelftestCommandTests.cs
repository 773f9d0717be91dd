using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary><c>selftest</c> against the SOAR, GuardDuty and STS stand-ins, with STOMP down (no broker).</summary>
public class SelftestCommandTests
{
    private AppSandbox _sandbox = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await AppSandbox.StartAsync(broker: null);

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [SetUp]
    public void ClearOutput()
    {
        _out.GetStringBuilder().Clear();
        _error.GetStringBuilder().Clear();
    }

    private async Task<int> SelftestAsync(string path, Action<IServiceCollection>? configure = null) =>
        await SelftestCommand.ExecuteAsync(_sandbox.Context(_out, _error, configure), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

    private string Table => _out.ToString();

    [TearDown]
    public void ShowTable() => TestContext.Out.WriteLine(Table);

    /// <summary>One row of the table as "name | status | detail | hint", each cell's wrapped lines joined.</summary>
    private string Row(string name) => SelfTestTableText.Row(Table, name);

    [Test]
    public async Task With_STOMP_down_the_STOMP_row_fails_with_what_to_fix_and_the_rest_passes()
    {
        var code = await SelftestAsync(_sandbox.WriteConfig());

        code.Should().Be(ExitCodes.RuntimeFailure);
        Row(ConfigSelfTestCheck.CheckName).Should().Contain("PASS");
        Row(SoarSelfTestCheck.CheckName).Should().Contain("PASS").And.Contain("Wiring Org").And.Contain("actions framework enabled");
        Row(StompSelfTestCheck.CheckName).Should().Contain("FAIL")
            .And.Contain($"cannot connect to STOMP at 127.0.0.1:{_sandbox.StompPort}")
            .And.Contain("check stomp_host, stomp_port and stomp_tls");
        Row(AwsCredentialsSelfTestCheck.CheckName).Should().Contain("PASS").And.Contain($"account {AppSandbox.AwsAccount}").And.Contain("static keys");
        Row(AwsRegionsSelfTestCheck.CheckName).Should().Contain("PASS").And.Contain("2 regions match").And.Contain("us-east-1, us-west-2");
        var detectors = Row(GuardDutyDetectorsSelfTestCheck.CheckName);
        detectors.Should().Contain("PASS");
        foreach (var (region, detector) in _sandbox.Detectors)
        {
            detectors.Should().Contain($"{region}: {detector}");
        }

        Table.Should().Contain("1 of 6 checks failed");
        AssertNoSecret();
    }

    [Test]
    public async Task A_bad_api_key_fails_the_SOAR_row_with_what_to_fix_and_skips_STOMP()
    {
        const string wrong = "not-the-api-key-secret-7";
        var code = await SelftestAsync(_sandbox.WriteConfig(apiKeySecret: wrong));

        code.Should().Be(ExitCodes.RuntimeFailure);
        Row(SoarSelfTestCheck.CheckName).Should().Contain("FAIL").And.Contain("SOAR login refused").And.Contain("check api_key_id/api_key_secret");
        Row(StompSelfTestCheck.CheckName).Should().Contain("SKIPPED").And.Contain("the SOAR login failed");
        Row(AwsCredentialsSelfTestCheck.CheckName).Should().Contain("PASS");
        Table.Should().NotContain(wrong);
        AssertNoSecret();
    }

    [Test]
    public async Task Unknown_AWS_keys_fail_the_credentials_row_and_skip_regions_and_detectors()
    {
        var code = await SelftestAsync(_sandbox.WriteConfig(awsKeyId: "AKIAUNKNOWNKEY000001"));

        code.Should().Be(ExitCodes.RuntimeFailure);
        Row(AwsCredentialsSelfTestCheck.CheckName).Should().Contain("FAIL").And.Contain("InvalidClientTokenId").And.Contain("aws_gd_access_key_id");
        Row(AwsRegionsSelfTestCheck.CheckName).Should().Contain("SKIPPED").And.Contain("AWS credentials did not pass");
        Row(GuardDutyDetectorsSelfTestCheck.CheckName).Should().Contain("SKIPPED");
        AssertNoSecret();
    }

    [Test]
    public async Task A_region_where_GuardDuty_is_denied_fails_the_detectors_row_and_names_it()
    {
        _sandbox.GuardDuty.State.Faults.DenyRegion("us-west-2");
        try
        {
            var code = await SelftestAsync(_sandbox.WriteConfig());

            code.Should().Be(ExitCodes.RuntimeFailure);
            Row(AwsRegionsSelfTestCheck.CheckName).Should().Contain("PASS").And.Contain("us-east-1, us-west-2");
            var detectors = Row(GuardDutyDetectorsSelfTestCheck.CheckName);
            detectors.Should().Contain("FAIL").And.Contain($"us-east-1: {_sandbox.Detectors["us-east-1"]}")
                .And.Contain("us-west-2: refused").And.Contain("AccessDenied")
                .And.Contain("allow guardduty:ListDetectors");
        }
        finally
        {
            _sandbox.GuardDuty.State.Faults.AllowRegion("us-west-2");
        }
    }

    [Test]
    public async Task A_filter_that_matches_no_region_fails_the_regions_row()
    {
        var path = _sandbox.WriteConfig();
        File.WriteAllText(path, File.ReadAllText(path).Replace("aws_gd_regions = us-east-1, us-west-2", "aws_gd_regions = ^mars-"));

        (await SelftestAsync(path)).Should().Be(ExitCodes.RuntimeFailure);

        Row(AwsRegionsSelfTestCheck.CheckName).Should().Contain("FAIL").And.Contain("no region enabled for the account matches aws_gd_regions '^mars-'");
        Row(GuardDutyDetectorsSelfTestCheck.CheckName).Should().Contain("SKIPPED");
    }

    [Test]
    public async Task Rows_added_by_other_parts_run_after_the_built_in_ones_and_their_text_is_redacted()
    {
        var code = await SelftestAsync(_sandbox.WriteConfig(), s =>
        {
            s.AddSingleton<ISelfTestCheck>(new FixedCheck("Extra one", SelfTestResult.Pass("fine")));
            s.AddSingleton<ISelfTestCheck>(new ThrowingCheck("exploded with " + _sandbox.ApiKeySecret));
        });

        code.Should().Be(ExitCodes.RuntimeFailure);
        Table.IndexOf(GuardDutyDetectorsSelfTestCheck.CheckName, StringComparison.Ordinal)
            .Should().BeLessThan(Table.IndexOf("Extra one", StringComparison.Ordinal));
        Table.Should().Contain("InvalidOperationException").And.Contain("2 of 8 checks failed");
        AssertNoSecret();
    }

    [Test]
    public async Task A_row_that_hangs_fails_after_selftest_timeout()
    {
        var code = await SelftestAsync(_sandbox.WriteConfig(resilientExtra: "selftest_timeout = 2"), s => s.AddSingleton<ISelfTestCheck, HangingCheck>());

        code.Should().Be(ExitCodes.RuntimeFailure);
        Row("Hangs").Should().Contain("timed out after 2 s");
    }

    private void AssertNoSecret()
    {
        foreach (var secret in _sandbox.Secrets)
        {
            Table.Should().NotContain(secret);
            _error.ToString().Should().NotContain(secret);
            _sandbox.ReadLog().Should().NotContain(secret);
        }
    }
}
