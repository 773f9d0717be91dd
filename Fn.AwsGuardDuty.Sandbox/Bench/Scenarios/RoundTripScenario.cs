using System.Diagnostics;

namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 function latency: archive-finding calls published at a paced 200 calls/s through a real ActiveMQ to
/// the app (child process, default num_workers), each answered after a real ArchiveFindings on the emulator. The round
/// trip is measured by <see cref="Platform.SoarPlatform"/> from publishing to the final reply.
/// </summary>
public sealed class RoundTripScenario : IBenchScenario
{
    public string Name => "round-trip";

    public string Description => "archive-finding round trips at a paced 200 calls/s through ActiveMQ";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var scale = context.Scale;
        await using var rig = await FunctionRig.StartAsync(context, numWorkers: null, cancellationToken).ConfigureAwait(false);
        context.Progress($"app subscribed; warming up for {scale.Warmup.TotalSeconds:0} s, then {scale.RoundTripRate:0} calls/s for {scale.RoundTripDuration.TotalSeconds:0} s");
        await PacedAsync(rig, scale.RoundTripRate, scale.Warmup, cancellationToken).ConfigureAwait(false);
        rig.Platform.Latencies.Reset();

        var cpu = CpuMeter.Start(rig.App.Id, rig.BrokerProcessId);
        var (sent, failed, elapsed) = await PacedAsync(rig, scale.RoundTripRate, scale.RoundTripDuration, cancellationToken).ConfigureAwait(false);
        var latency = rig.Platform.Latencies.Summary();
        var cpuPerCall = cpu.Stop(sent);
        recorder.Detail("cpu_per_call", cpuPerCall);
        recorder.Detail("calls", sent);
        recorder.Detail("failed", failed);
        recorder.Detail("offered_rate", sent / elapsed.TotalSeconds);
        recorder.Detail("latency", latency.ToString());
        recorder.Detail("app_process", "child process fn-aws-guardduty run, STOMP over TLS to ActiveMQ, num_workers default (10)");
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {sent} archive calls did not answer status ok");
        }

        recorder.Figure("functions: calls at 200/s", sent, "calls");
        recorder.Figure("functions: round trip p50", latency.P50.TotalMilliseconds, "ms", BenchTarget.Below(5));
        recorder.Figure("functions: round trip p99", latency.P99.TotalMilliseconds, "ms", BenchTarget.Below(25));
        recorder.Figure("functions: app CPU per call at 200/s", cpuPerCall["app_cpu_ms_per_op"], "ms", BenchTarget.AtMost(0.5),
            "app process CPU over the measured calls (after the warm-up)");
    }

    /// <summary>
    /// Publishes a call every 1/rate s for <paramref name="duration"/> (catching up if the clock slipped, never bursting
    /// ahead), then waits for every answer.
    /// </summary>
    private static async Task<(int Sent, int Failed, TimeSpan Elapsed)> PacedAsync(FunctionRig rig, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / rate);
        var calls = new List<Task<bool>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = interval * i;
            if (due >= duration) break;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            calls.Add(rig.ArchiveNextAsync(cancellationToken));
        }

        var elapsed = clock.Elapsed;
        var results = await Task.WhenAll(calls).ConfigureAwait(false);
        return (results.Length, results.Count(ok => !ok), elapsed);
    }
}
