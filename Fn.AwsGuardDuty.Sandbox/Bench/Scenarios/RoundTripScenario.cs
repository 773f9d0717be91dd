using System.Diagnostics;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;

namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// DESIGN.md §7 function latency: archive-finding calls through a real ActiveMQ to the app (child process, default
/// num_workers), each answered after a real ArchiveFindings on the emulator; the round trip is measured by
/// <see cref="Platform.SoarPlatform"/> from publishing to the final reply. Run twice: on the shared broker at ActiveMQ's
/// default transport settings (Nagle on, as a SOAR appliance's broker may be; the targets apply here), and on a broker
/// with <c>transport.tcpNoDelay=true</c> beside it. Each run makes calls one at a time, then paced at 200 calls/s.
/// </summary>
public sealed class RoundTripScenario : IBenchScenario
{
    public string Name => "round-trip";

    public string Description => "archive-finding round trips through ActiveMQ (defaults, and tcpNoDelay): one at a time, then 200 calls/s";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var defaults = await context.BrokerAsync().ConfigureAwait(false);
        await RunOnAsync(context, recorder, defaults, "broker defaults", "defaults", cancellationToken).ConfigureAwait(false);

        await using var noDelay = await context.StartBrokerAsync(ActiveMqTransport.TcpNoDelay, cancellationToken).ConfigureAwait(false);
        await RunOnAsync(context, recorder, noDelay, "broker tcpNoDelay", "tcp_nodelay", cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunOnAsync(
        BenchContext context, ScenarioRecorder recorder, ActiveMqBroker broker, string label, string key, CancellationToken cancellationToken)
    {
        var scale = context.Scale;
        await using var rig = await FunctionRig.StartAsync(context, numWorkers: null, cancellationToken, broker).ConfigureAwait(false);
        context.Progress($"{label}: app subscribed; {scale.SequentialCalls} calls one at a time, then {scale.RoundTripRate:0} calls/s for {scale.RoundTripDuration.TotalSeconds:0} s (each after a {scale.Warmup.TotalSeconds:0} s warm-up)");

        await PacedAsync(rig, scale.RoundTripRate, scale.Warmup, cancellationToken).ConfigureAwait(false);
        rig.Platform.Latencies.Reset();
        var sequentialFailed = 0;
        for (var i = 0; i < scale.SequentialCalls; i++)
        {
            if (!await rig.ArchiveNextAsync(cancellationToken).ConfigureAwait(false)) sequentialFailed++;
        }

        var sequential = rig.Platform.Latencies.Summary();
        recorder.Detail($"{key}_sequential_latency", sequential.ToString());

        await PacedAsync(rig, scale.RoundTripRate, scale.Warmup, cancellationToken).ConfigureAwait(false);
        rig.Platform.Latencies.Reset();
        var cpu = CpuMeter.Start(rig.App.Id, rig.BrokerProcessId);
        var (sent, failed, elapsed) = await PacedAsync(rig, scale.RoundTripRate, scale.RoundTripDuration, cancellationToken).ConfigureAwait(false);
        var paced = rig.Platform.Latencies.Summary();
        var cpuPerCall = cpu.Stop(sent);
        recorder.Detail($"{key}_cpu_per_call", cpuPerCall);
        recorder.Detail($"{key}_calls", sent);
        recorder.Detail($"{key}_failed", failed + sequentialFailed);
        recorder.Detail($"{key}_offered_rate", sent / elapsed.TotalSeconds);
        recorder.Detail($"{key}_latency", paced.ToString());
        recorder.Detail("app_process", "child process fn-aws-guardduty run, STOMP over TLS to ActiveMQ, num_workers default (10)");
        if (failed + sequentialFailed > 0)
        {
            throw new InvalidOperationException($"{label}: {failed + sequentialFailed} of {sent + scale.SequentialCalls} archive calls did not answer status ok");
        }

        // The targets hold at ActiveMQ's defaults; the tcpNoDelay rows are there to compare.
        var target = broker.Transport == ActiveMqTransport.Defaults;
        recorder.Figure($"functions ({label}): one at a time p50", sequential.P50.TotalMilliseconds, "ms", target ? BenchTarget.Below(5) : null);
        recorder.Figure($"functions ({label}): calls at 200/s", sent, "calls");
        recorder.Figure($"functions ({label}): round trip p50 at 200/s", paced.P50.TotalMilliseconds, "ms", target ? BenchTarget.Below(5) : null);
        recorder.Figure($"functions ({label}): round trip p99 at 200/s", paced.P99.TotalMilliseconds, "ms", target ? BenchTarget.Below(25) : null);
        recorder.Figure($"functions ({label}): app CPU per call at 200/s", cpuPerCall["app_cpu_ms_per_op"], "ms", target ? BenchTarget.AtMost(0.5) : null,
            "app process CPU over the measured calls (after the warm-up)");
        recorder.Figure($"functions ({label}): app context switches per call at 200/s", cpuPerCall["app_context_switches_per_op"], "switches", null,
            "the app's threads going to sleep or preempted, per call: its hand-offs between threads");
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
            calls.Add(rig.ArchiveNextAsync(cancellationToken).ContinueWith(static t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
        }

        var elapsed = clock.Elapsed;
        var results = await Task.WhenAll(calls).ConfigureAwait(false);
        return (results.Length, results.Count(ok => !ok), elapsed);
    }
}
