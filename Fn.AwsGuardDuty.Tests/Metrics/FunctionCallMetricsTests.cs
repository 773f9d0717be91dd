using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>
/// Function calls through the sandbox broker to the app as <c>run</c> wires it (<see cref="WorldHost"/>), published as
/// SOAR publishes them: the counts by function and outcome, the run-time histogram, and the AWS calls behind them,
/// compared with what the test sent and what the GuardDuty emulator received.
/// </summary>
[NonParallelizable]
public sealed class FunctionCallMetricsTests
{
    private const string Region = "us-east-1";
    private const string PlatformLogin = "metrics-platform";
    private const string PlatformPasscode = "metrics-platform-passcode";
    private const string NotOwnedDetector = "0123456789abcdef0123456789abcdef";

    private World _world = null!;
    private WorldHost _host = null!;
    private SoarPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _world = await World.Create().WithRegions(Region).WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Metrics Org")
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .WithSandboxBroker(new SandboxStompUser(PlatformLogin, PlatformPasscode))
            .StartAsync();
        _world.WriteConfig(c => WorldConfig.AddLines(c.GuardDuty, "aws_gd_polling_enabled = false"));
        _host = await _world.StartHostAsync(NullLoggerFactory.Instance);
        await _host.SubscribedAsync(TimeSpan.FromSeconds(30));
        _platform = await SoarPlatform.StartAsync(_world.Broker.ClientOptions(PlatformLogin, PlatformPasscode, _world.CaFile), _world.OrgId);
        _platform.CallTimeout = TimeSpan.FromSeconds(20);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
        if (_world is not null) await _world.DisposeAsync();
    }

    [Test]
    public async Task Calls_are_counted_by_function_and_outcome_with_their_run_time_and_the_AWS_calls_behind_them()
    {
        using var probe = new MetricsProbe(_host.Services);
        var detector = _world.Detectors[Region].DetectorId;
        var gdBefore = _world.Gd.Calls.Count("GetDetector");
        // The client's call counts are totals since the app started: the test reads the change.
        var okBefore = probe.Count(MetricNames.AwsCalls, "operation", "GetDetector", "outcome", MetricOutcomes.Ok);
        var errorBefore = probe.Count(MetricNames.AwsCalls, "operation", "GetDetector", "outcome", MetricOutcomes.Error);
        const int Good = 5;

        for (var i = 0; i < Good; i++)
            (await _platform.CallAsync(FunctionNames.GetDetector, Inputs(detector))).IsError.Should().BeFalse();
        var refused = await _platform.CallAsync(FunctionNames.GetDetector, Inputs(NotOwnedDetector));
        refused.Results!.Value<bool>("success").Should().BeFalse("GuardDuty refuses a detector the account does not own");
        await _platform.CallAsync("aws_guardduty_no_such_function", new JObject());

        probe.Count(MetricNames.FunctionCalls, "function", FunctionNames.GetDetector, "outcome", MetricOutcomes.Ok)
            .Should().Be(Good, probe.Describe(MetricNames.FunctionCalls));
        probe.Count(MetricNames.FunctionCalls, "function", FunctionNames.GetDetector, "outcome", MetricOutcomes.Error).Should().Be(1);
        probe.Count(MetricNames.FunctionCalls, "function", AppMetrics.UnknownFunction, "outcome", MetricOutcomes.Rejected).Should().Be(1,
            "a function the app does not serve is counted without its name, so a caller cannot grow the series");
        probe.Count(MetricNames.FunctionCalls).Should().Be(Good + 2);
        var durations = probe.Recorded(MetricNames.FunctionDuration, "function", FunctionNames.GetDetector);
        durations.Should().HaveCount(Good + 1).And.OnlyContain(s => s >= 0 && s < 20);

        var received = _world.Gd.Calls.Count("GetDetector") - gdBefore;
        received.Should().Be(Good + 1);
        probe.Count(MetricNames.AwsCalls, "operation", "GetDetector", "outcome", MetricOutcomes.Ok).Should().Be(okBefore + Good);
        probe.Count(MetricNames.AwsCalls, "operation", "GetDetector", "outcome", MetricOutcomes.Error).Should().Be(errorBefore + 1);
    }

    [Test]
    public async Task An_unreadable_message_is_counted_as_rejected()
    {
        using var probe = new MetricsProbe(_host.Services);

        var correlation = await _platform.InvokeAsync("ignored", messageBody: "this is not JSON");
        await _platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(20));

        probe.Count(MetricNames.FunctionCalls, "function", AppMetrics.UnknownFunction, "outcome", MetricOutcomes.Rejected).Should().Be(1);
        probe.Recorded(MetricNames.FunctionDuration).Should().BeEmpty("nothing ran");
    }

    private static JObject Inputs(string detectorId) => new()
    {
        [InputNames.Region] = Region,
        [InputNames.DetectorId] = detectorId,
    };
}
