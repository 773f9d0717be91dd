using System.Diagnostics;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// extensions.md §B: event-to-incident latency of the push intake. The app (child process, <c>fn-aws-guardduty run</c>,
/// poller off) receives from a FIFO queue of the SQS emulator that the GuardDuty emulator feeds as the EventBridge rule
/// would (<see cref="EventBridgeFeed"/>). Latency = the incident's create_date in SOAR minus the moment the finding's
/// event went into the queue; first findings paced at 10 per second, then a burst of 1,000 added at once.
/// </summary>
public sealed class PushLatencyScenario : IBenchScenario
{
    public const double PacedRate = 10;
    public const int BurstSize = 1_000;
    private const string ReadyMarker = "Push intake: receiving from";

    public string Name => "push-latency";

    public string Description => "push intake: event-to-incident latency at 10 events/s and for a burst of 1,000";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var region = context.Scale.Regions[0];
        var paced = context.Scale.Mode == "full" ? 300 : 50;
        await using var sandbox = await BenchSandbox.StartAsync(context.WorkDir, [region], broker: null, cancellationToken).ConfigureAwait(false);
        await using var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = [sandbox.AwsCredential] }, cancellationToken)
            .ConfigureAwait(false);
        var deadLetters = sqs.State.CreateQueue(new SqsQueueKey(region, sandbox.World.Account, "bench-dlq.fifo"), new Dictionary<string, string> { ["FifoQueue"] = "true" });
        var queue = sqs.State.CreateQueue(new SqsQueueKey(region, sandbox.World.Account, "bench.fifo"), new Dictionary<string, string>
        {
            ["FifoQueue"] = "true",
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetters.Arn}}","maxReceiveCount":5}""",
        });
        using var feed = new EventBridgeFeed(sandbox.GuardDuty.State, sqs.State, queue);

        var config = sandbox.WriteConfig("push-latency", pollingInterval: null, numWorkers: null, [region]);
        await File.AppendAllTextAsync(config, $"""

            aws_gd_sqs_queue_url = {queue.Url}
            aws_gd_sqs_endpoint_url = {sqs.Endpoint}
            aws_gd_sqs_wait_time = 20s

            """, cancellationToken).ConfigureAwait(false);
        await using var app = context.StartApp(config, sandbox.Home, ReadyMarker);
        await app.WaitForAsync(ReadyMarker, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

        var detector = sandbox.Detectors[region];
        var generator = new GuardDutyFindingGenerator(4_242, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = region,
            DetectorId = detector.DetectorId,
            StartTime = DateTimeOffset.UtcNow.AddHours(-1),
        });
        var findings = generator.Generate(paced + BurstSize).ToList();

        context.Progress($"{paced} findings at {PacedRate} events/s");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < paced; i++)
        {
            var due = TimeSpan.FromSeconds(i / PacedRate) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            sandbox.GuardDuty.State.AddFinding(detector, findings[i]);
        }

        var pacedLatency = await LatenciesAsync(sandbox, feed, findings.Take(paced), cancellationToken).ConfigureAwait(false);
        context.Progress($"burst of {BurstSize:N0} findings");
        sandbox.GuardDuty.State.AddFindings(detector, findings.Skip(paced));
        var burstLatency = await LatenciesAsync(sandbox, feed, findings.Skip(paced), cancellationToken).ConfigureAwait(false);
        await app.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

        recorder.Detail("paced_events", paced);
        recorder.Detail("burst_events", BurstSize);
        recorder.Detail("queue_left", sqs.State.Messages(queue).Count);
        recorder.Detail("dead_lettered", sqs.State.Messages(deadLetters).Count);
        recorder.Detail("latency_note", "incident create_date (SOAR emulator clock) minus the event's enqueue time; both clocks are this machine's");
        Record(recorder, $"push at {PacedRate:0} events/s", pacedLatency, BenchTarget.Below(2_000), null);
        // One message group is one serialised stream (that is what makes several instances safe), so a burst drains at
        // the rate of one incident after another: its latency is the queue's depth over that rate, not the intake's delay.
        Record(recorder, $"push burst of {BurstSize:N0}", burstLatency, null,
            "one FIFO message group: the burst is escalated one incident after another");
    }

    private static void Record(ScenarioRecorder recorder, string name, List<double> sorted, BenchTarget? p95Target, string? note)
    {
        recorder.Figure($"{name}: p50 event to incident", Percentile(sorted, 0.50), "ms", note: note);
        recorder.Figure($"{name}: p95 event to incident", Percentile(sorted, 0.95), "ms", p95Target, note);
        recorder.Figure($"{name}: p99 event to incident", Percentile(sorted, 0.99), "ms", note: note);
    }

    /// <summary>Waits until each finding has its incident; the sorted latencies in milliseconds.</summary>
    private static async Task<List<double>> LatenciesAsync(BenchSandbox sandbox, EventBridgeFeed feed, IEnumerable<JObject> findings,
        CancellationToken cancellationToken)
    {
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();
        var org = sandbox.Soar.State.Org(BenchSandbox.OrgId);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var created = org.GetIncidents()
                .Select(i => (Id: Convert.ToString(i.Properties.GetValueOrDefault(Fn.AwsGuardDuty.Findings.IncidentFields.FindingId), System.Globalization.CultureInfo.InvariantCulture), i.CreateDate))
                .Where(x => !string.IsNullOrEmpty(x.Id))
                .Where(x => x.Id is not null)
                .GroupBy(x => x.Id!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Min(x => x.CreateDate), StringComparer.Ordinal);
            if (ids.All(created.ContainsKey))
            {
                return ids.Select(id => (DateTimeOffset.FromUnixTimeMilliseconds(created[id]) - feed.FirstPublished(id)!.Value).TotalMilliseconds)
                    .Order()
                    .ToList();
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                throw new InvalidOperationException($"{ids.Count(id => !created.ContainsKey(id))} of {ids.Count} findings have no incident after 5 minutes");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
