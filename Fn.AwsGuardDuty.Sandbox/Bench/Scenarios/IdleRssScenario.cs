namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 idle memory: the app (child process) subscribed to ActiveMQ with the poller on and nothing to do (four
/// regions with detectors, no findings); once its first poll cycle is done and it has settled, its VmRSS.
/// </summary>
public sealed class IdleRssScenario : IBenchScenario
{
    public string Name => "idle-rss";

    public string Description => "RSS of the idle app: subscribed, polling, nothing to do";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var broker = await context.BrokerAsync().ConfigureAwait(false);
        var regions = context.Scale.Regions;
        await using var sandbox = await BenchSandbox.StartAsync(context.WorkDir, regions, broker, cancellationToken).ConfigureAwait(false);
        var config = sandbox.WriteConfig("idle", pollingInterval: TimeSpan.FromMinutes(10), numWorkers: null, regions);
        await using var app = context.StartApp(config, sandbox.Home, FunctionRig.SubscribedMarker, PollCycleLine.Marker);
        await app.WaitForAsync(FunctionRig.SubscribedMarker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var cycle = PollCycleLine.Parse((await app.WaitForAsync(PollCycleLine.Marker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)).Text);
        context.Progress($"subscribed and first poll cycle done; settling for {context.Scale.IdleSettle.TotalSeconds:0} s");
        await Task.Delay(context.Scale.IdleSettle, cancellationToken).ConfigureAwait(false);
        var memory = app.Memory() ?? throw new InvalidOperationException("the app's /proc status could not be read");
        await app.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);

        recorder.Detail("first_cycle", cycle);
        recorder.Detail("settle_seconds", context.Scale.IdleSettle.TotalSeconds);
        recorder.Detail("peak_rss_mb", memory.PeakRssMegabytes);
        recorder.Detail("app_process", "child process fn-aws-guardduty run, STOMP over TLS to ActiveMQ, poller on (4 regions, no findings)");
        recorder.Figure("idle: RSS of the app", memory.RssMegabytes, "MB", BenchTarget.Below(80));
    }
}
