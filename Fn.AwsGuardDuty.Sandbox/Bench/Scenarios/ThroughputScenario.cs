using System.Diagnostics;

namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 function throughput: the app (child process) with num_workers=25 and a fixed number of archive-finding
/// calls kept in flight through ActiveMQ for a fixed time; the figure is the calls answered per second in that window.
/// </summary>
public sealed class ThroughputScenario : IBenchScenario
{
    public string Name => "throughput";

    public string Description => "sustained archive-finding calls with num_workers=25";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var scale = context.Scale;
        await using var rig = await FunctionRig.StartAsync(context, scale.ThroughputWorkers, cancellationToken).ConfigureAwait(false);
        context.Progress($"app subscribed (num_workers={scale.ThroughputWorkers}); {scale.ThroughputInFlight} calls in flight for {scale.ThroughputDuration.TotalSeconds:0} s after a {scale.Warmup.TotalSeconds:0} s warm-up");
        await SaturateAsync(rig, scale.ThroughputInFlight, scale.Warmup, cancellationToken).ConfigureAwait(false);
        rig.Platform.Latencies.Reset();
        var archiveBefore = rig.GuardDutyArchiveCalls;

        var cpu = CpuMeter.Start(rig.App.Id, rig.BrokerProcessId);
        var (completed, failed, elapsed) = await SaturateAsync(rig, scale.ThroughputInFlight, scale.ThroughputDuration, cancellationToken).ConfigureAwait(false);
        var cpuPerCall = cpu.Stop(rig.GuardDutyArchiveCalls - archiveBefore);
        var latency = rig.Platform.Latencies.Summary();
        recorder.Detail("cpu_per_call", cpuPerCall);
        recorder.Detail("completed", completed);
        recorder.Detail("failed", failed);
        recorder.Detail("window_seconds", elapsed.TotalSeconds);
        recorder.Detail("guardduty_archive_calls", rig.GuardDutyArchiveCalls - archiveBefore);
        recorder.Detail("latency_under_load", latency.ToString());
        recorder.Detail("app_process", $"child process fn-aws-guardduty run, STOMP over TLS to ActiveMQ, num_workers={scale.ThroughputWorkers}");
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {completed + failed} archive calls did not answer status ok");
        }

        recorder.Figure("functions: sustained throughput (25 workers)", completed / elapsed.TotalSeconds, "calls/s", BenchTarget.AtLeast(1000));
        recorder.Figure("functions: p50 under full load", latency.P50.TotalMilliseconds, "ms");
    }

    /// <summary>
    /// Keeps <paramref name="inFlight"/> calls going; counts the answers that arrive within <paramref name="duration"/>
    /// (calls still in flight at the end are awaited but not counted).
    /// </summary>
    private static async Task<(long Completed, long Failed, TimeSpan Elapsed)> SaturateAsync(FunctionRig rig, int inFlight, TimeSpan duration, CancellationToken cancellationToken)
    {
        long completed = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var ok = await rig.ArchiveNextAsync(cancellationToken).ConfigureAwait(false);
                if (clock.Elapsed > duration) break;
                Interlocked.Increment(ref ok ? ref completed : ref failed);
            }
        }).ToList();
        await Task.WhenAll(loops).ConfigureAwait(false);
        return (completed, failed, duration);
    }
}
