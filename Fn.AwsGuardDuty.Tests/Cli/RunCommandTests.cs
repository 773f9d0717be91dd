using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary><c>run</c> in-process against the SOAR, GuardDuty and STS stand-ins, without a broker (STOMP is down).</summary>
public class RunCommandTests
{
    private AppSandbox _sandbox = null!;
    private AppSandbox _noActions = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        _sandbox = await AppSandbox.StartAsync(broker: null);
        _noActions = await AppSandbox.StartAsync(broker: null, actionsFrameworkEnabled: false);
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        await _sandbox.DisposeAsync();
        await _noActions.DisposeAsync();
    }

    [SetUp]
    public void ClearOutput()
    {
        _out.GetStringBuilder().Clear();
        _error.GetStringBuilder().Clear();
        foreach (var log in new[] { _sandbox.LogFile, _noActions.LogFile }.Where(File.Exists))
        {
            File.Delete(log);
        }
    }

    private string[] ErrorLines => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public async Task A_wrong_SOAR_api_key_exits_1_with_one_clear_line_and_no_secret()
    {
        const string wrongSecret = "wrong-secret-never-shown-42";
        var path = _sandbox.WriteConfig(apiKeySecret: wrongSecret);

        var code = await RunCommand.ExecuteAsync(_sandbox.Context(_out, _error), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        code.Should().Be(ExitCodes.RuntimeFailure);
        ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith("fn-aws-guardduty: SOAR login refused")
            .And.Contain("check api_key_id/api_key_secret in [resilient]");
        _error.ToString().Should().NotContain(wrongSecret);
        _sandbox.ReadLog().Should().Contain("cannot start: SOAR login refused").And.NotContain(wrongSecret);
    }

    [Test]
    public async Task An_unknown_org_exits_1_naming_the_orgs_the_key_has()
    {
        var path = _sandbox.WriteConfig();
        File.WriteAllText(path, File.ReadAllText(path).Replace("org = Wiring Org", "org = No Such Org"));

        var code = await RunCommand.ExecuteAsync(_sandbox.Context(_out, _error), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        code.Should().Be(ExitCodes.RuntimeFailure);
        ErrorLines.Should().ContainSingle().Which.Should().Contain("No Such Org").And.Contain("Wiring Org").And.Contain("check org in [resilient]");
    }

    [Test]
    public async Task Run_starts_logs_the_cafile_warning_and_stops_cleanly_with_exit_0()
    {
        var path = _sandbox.WriteConfig(cafile: "false", resilientExtra: "loglevel = DEBUG");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var context = _sandbox.Context(_out, _error, s => s.AddHostedService(sp => ActivatorUtilities.CreateInstance<StartedProbe>(sp, started)));

        var run = RunCommand.ExecuteAsync(context, path, stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        run.IsCompleted.Should().BeFalse("run keeps running until it is told to stop");
        await stop.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(ExitCodes.Ok);
        var log = _sandbox.ReadLog();
        log.Should().Contain($"fn-aws-guardduty {AppVersion.Current} started")
            .And.Contain("cafile: false: the SOAR server's TLS certificate is NOT verified")
            .And.Contain("fn-aws-guardduty stopped");
        log.IndexOf("NOT verified", StringComparison.Ordinal).Should().BeLessThan(log.IndexOf("Logging in to SOAR", StringComparison.Ordinal),
            "the warning comes before the app talks to SOAR");
        foreach (var secret in _sandbox.Secrets)
        {
            log.Should().NotContain(secret);
        }

        _error.ToString().Should().BeEmpty();
    }

    [Test]
    public async Task Run_exits_1_when_a_hosted_service_fails()
    {
        var path = _sandbox.WriteConfig();
        var context = _sandbox.Context(_out, _error, s => s.AddHostedService<FailingService>());

        var code = await RunCommand.ExecuteAsync(context, path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        code.Should().Be(ExitCodes.RuntimeFailure);
        _sandbox.ReadLog().Should().Contain("the listener broke");
        ErrorLines.Should().ContainSingle();
    }

    [Test]
    public async Task With_the_actions_framework_disabled_run_says_so_and_starts_no_listener()
    {
        var path = _noActions.WriteConfig();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var context = _noActions.Context(_out, _error, s => s.AddHostedService(sp => ActivatorUtilities.CreateInstance<StartedProbe>(sp, started)));

        var run = RunCommand.ExecuteAsync(context, path, stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await stop.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(ExitCodes.Ok);
        var log = _noActions.ReadLog();
        log.Should().Contain("actions framework is disabled for SOAR org Wiring Org").And.Contain("the findings poller still runs");
        log.Should().NotContain("STOMP connect to").And.NotContain("STOMP connected").And.NotContain("Function listener starting");
    }
}
