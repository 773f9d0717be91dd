namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 start-up: from starting the app's process to its "Subscribed to actions.N.fn_aws_gd" log line, as the
/// bench sees it (so .NET's own start-up, config, SOAR login and the STOMP TLS handshake all count). Several starts;
/// the median is the figure.
/// </summary>
public sealed class StartupScenario : IBenchScenario
{
    public string Name => "startup";

    public string Description => "process start to subscribed";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var broker = await context.BrokerAsync().ConfigureAwait(false);
        var regions = context.Scale.Regions;
        await using var sandbox = await BenchSandbox.StartAsync(context.WorkDir, regions, broker, cancellationToken).ConfigureAwait(false);
        var config = sandbox.WriteConfig("startup", pollingInterval: TimeSpan.FromMinutes(10), numWorkers: null, regions);
        var times = new List<double>();
        var selfReported = new List<string>();
        // One unmeasured start first: the first run of a freshly built app pays for the OS's file cache.
        for (var run = 0; run <= context.Scale.StartupRuns; run++)
        {
            await using var app = context.StartApp(config, sandbox.Home, FunctionRig.SubscribedMarker);
            var line = await app.WaitForAsync(FunctionRig.SubscribedMarker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await app.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            if (run == 0) continue;
            times.Add(line.At.TotalMilliseconds);
            selfReported.Add(line.Text[(line.Text.IndexOf("] ", StringComparison.Ordinal) + 2)..]);
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        recorder.Detail("runs_ms", times);
        recorder.Detail("app_reported", selfReported);
        recorder.Detail("app_process", "child process fn-aws-guardduty run, SOAR login over HTTPS, STOMP over TLS to ActiveMQ, poller on");
        recorder.Figure("start-up to subscribed (median)", median, "ms", BenchTarget.Below(1500), $"{times.Count} starts, max {times[^1]:0} ms");
    }
}
