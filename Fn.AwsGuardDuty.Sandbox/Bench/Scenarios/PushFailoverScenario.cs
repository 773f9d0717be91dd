using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Worlds;

namespace Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;

/// <summary>
/// extensions.md §B failover: three app processes (<c>fn-aws-guardduty run</c>, backstops on, each its own state and AWS
/// key) consume one FIFO queue that the GuardDuty emulator feeds as the EventBridge rule would, with findings arriving at
/// 10 per second. The consumer is caught holding messages (frozen with SIGSTOP so it cannot delete them) and SIGKILLed;
/// the figure is the time from the kill until the next incident appears in SOAR. Its messages, and with them the FIFO
/// group, stay hidden until their visibility timeout runs out, so that bounds the failover. Then every finding must
/// have exactly one incident: events lost and duplicates are counted.
/// </summary>
public sealed class PushFailoverScenario : IBenchScenario
{
    public const double Rate = 10;
    public const int Instances = 3;

    /// <summary>aws_gd_sqs_visibility_timeout of the instances (the product's default is 60 s).</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    public string Name => "push-failover";

    public string Description => "push intake: three instances on one FIFO queue, the consuming one SIGKILLed; time to the next incident";

    public async Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var region = context.Scale.Regions[0];
        var duration = context.Scale.Mode == "full" ? TimeSpan.FromSeconds(40) : TimeSpan.FromSeconds(16);
        var killAfter = TimeSpan.FromSeconds(4);
        var builder = World.Create().InDirectory(context.WorkDir).WithRegions(region).WithOrg(BenchSandbox.OrgId, "Bench Org")
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty).WithPushQueue(maxReceiveCount: 5);
        for (var i = 0; i < Instances; i++)
            builder.WithAws("123456789012", $"AKIABENCHFAILOVER{i:D3}", "bench/failover+" + RandomNumberGenerator.GetHexString(16));
        await using var world = await builder.StartAsync(cancellationToken).ConfigureAwait(false);
        var cluster = AppCluster.Create(world, Instances, context.AppExecutable, c =>
        {
            c.Resilient.Remove("logdir");
            c.Resilient["loglevel"] = "INFO";
            c.GuardDuty["aws_gd_polling_enabled"] = "true";
            c.GuardDuty["aws_gd_sqs_visibility_timeout"] = $"{VisibilityTimeout.TotalSeconds:0}s";
        }, environment: context.AppEnvironment);
        await cluster.StartAllAsync(TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);

        var detector = world.Detectors[region];
        var findings = new GuardDutyFindingGenerator(5_151, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = region,
            DetectorId = detector.DetectorId,
            StartTime = DateTimeOffset.UtcNow.AddHours(-1),
        }).Generate((int)(duration.TotalSeconds * Rate)).ToList();
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();

        context.Progress($"{findings.Count} findings at {Rate} events/s into one FIFO queue, {Instances} instances; the consumer is killed after {killAfter.TotalSeconds:0} s");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < findings.Count; i++)
            {
                var due = TimeSpan.FromSeconds(i / Rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, stop.Token).ConfigureAwait(false);
                world.Gd.AddFinding(detector, findings[i]);
            }
        }, stop.Token);

        await Task.Delay(killAfter, cancellationToken).ConfigureAwait(false);
        var (victim, held) = await cluster.FreezeConsumerAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync().ConfigureAwait(false);
        context.Progress($"{victim.Name} SIGKILLed holding {held.Count} message(s)");
        var next = await NextIncidentAfterAsync(world, killedAt, TimeSpan.FromSeconds(60) + VisibilityTimeout, cancellationToken).ConfigureAwait(false);
        await publishing.ConfigureAwait(false);

        var settled = await SettleAsync(world, ids, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var byFinding = IncidentsByFinding(world);
        var lost = ids.Count(id => !byFinding.Contains(id));
        var duplicates = ids.Sum(id => Math.Max(0, byFinding[id].Count() - 1));
        var worst = ids.Where(byFinding.Contains)
            .Select(id => (DateTimeOffset.FromUnixTimeMilliseconds(byFinding[id].Min(i => i.CreateDate)) - world.Push.Feed!.FirstPublished(id)!.Value).TotalMilliseconds)
            .DefaultIfEmpty(double.NaN).Max();
        foreach (var instance in cluster.Instances.Where(i => i.IsRunning))
            await instance.Process!.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

        recorder.Detail("instances", Instances);
        recorder.Detail("events", ids.Count);
        recorder.Detail("event_rate_per_s", Rate);
        recorder.Detail("visibility_timeout_s", VisibilityTimeout.TotalSeconds);
        recorder.Detail("messages_held_by_the_killed_instance", held.Count);
        recorder.Detail("settled", settled);
        recorder.Detail("queue_left", world.Push.Depth);
        var note = $"bounded by aws_gd_sqs_visibility_timeout ({VisibilityTimeout.TotalSeconds:0} s here, 60 s by default): the killed consumer's messages hold the FIFO group until it runs out";
        recorder.Figure("push failover: SIGKILL to next incident", next?.TotalMilliseconds ?? double.NaN, "ms",
            BenchTarget.Below((VisibilityTimeout + TimeSpan.FromSeconds(5)).TotalMilliseconds), note);
        recorder.Figure("push failover: max event to incident", worst, "ms", note: "over every event of the run, the kill included");
        recorder.Figure("push failover: events lost", lost, "events", BenchTarget.AtMost(0));
        recorder.Figure("push failover: duplicate incidents", duplicates, "incidents", BenchTarget.AtMost(0));
    }

    /// <summary>The time from <paramref name="killedAt"/> to the first incident SOAR created after it; null when none came.</summary>
    private static async Task<TimeSpan?> NextIncidentAfterAsync(World world, DateTimeOffset killedAt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var since = killedAt.ToUnixTimeMilliseconds();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var first = world.Org.GetIncidents().Where(i => i.CreateDate >= since).Select(i => (long?)i.CreateDate).Min();
            if (first is { } at)
                return DateTimeOffset.FromUnixTimeMilliseconds(at) - killedAt;
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task<bool> SettleAsync(World world, IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var byFinding = IncidentsByFinding(world);
            if (world.Push.Depth == 0 && ids.All(byFinding.Contains))
                return true;
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static ILookup<string, Soar.State.SoarIncidentView> IncidentsByFinding(World world) =>
        world.Org.GetIncidents()
            .Where(i => i.Properties.GetValueOrDefault(IncidentFields.FindingId) is not null)
            .ToLookup(i => Convert.ToString(i.Properties[IncidentFields.FindingId], CultureInfo.InvariantCulture)!, StringComparer.Ordinal);
}
