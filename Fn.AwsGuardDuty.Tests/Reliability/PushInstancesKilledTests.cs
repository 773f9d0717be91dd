using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Reliability.Support;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// extensions.md §B "Several instances" with real processes: three built apps (<c>fn-aws-guardduty run</c>, each its
/// own state folder and AWS key) consume one FIFO queue, fed by the GuardDuty emulator as the EventBridge rule feeds
/// it, in push mode with their backstop pollers on. Instances die by SIGKILL: the one consuming, instances at random
/// points, and one between the SOAR create and the SQS delete. At the end every finding has exactly one incident, the
/// queue is empty and the dead-letter queue holds the poison message only.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public sealed class PushInstancesKilledTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Three_instances_on_one_FIFO_queue_with_the_consuming_one_SIGKILLed_mid_stream_make_exactly_one_incident_per_finding()
    {
        await using var world = await PushClusterWorld.StartAsync("push-kill-consumer");
        await world.Cluster.StartAllAsync(Ready);
        var findings = world.NewFindings(120, seed: 1401);
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();
        world.Push.SendPoison(PushClusterWorld.PoisonBody);

        var publishing = world.PublishSteadilyAsync(findings, perSecond: 20);
        await Eventually.HoldsAsync(() => world.IncidentsFor(ids) >= 30, Ready, () => $"{world.IncidentsFor(ids)} incidents, waiting for 30");
        var (victim, held) = await world.Cluster.FreezeConsumerAsync(TimeSpan.FromSeconds(30));
        await victim.KillAsync();
        var killedAfter = world.IncidentsFor(ids);
        await publishing;
        await world.SettledAsync(ids, poison: true, Settle);

        world.AssertExactlyOnePerFinding(ids, poison: true);
        killedAfter.Should().BeLessThan(ids.Count, "the kill landed mid-stream");
        var receives = world.Push.State.Receives;
        foreach (var message in held)
            receives.Should().Contain(r => r.MessageId == message && r.Receiver != victim.AccessKeyId,
                $"message {message}, in flight at {victim.Name} when it died, was delivered again to another instance");
        foreach (var survivor in world.Cluster.Instances.Where(i => i != victim))
            survivor.Process!.ShouldBeRunning();
        world.Cluster.Instances.Where(i => i != victim).Sum(i => i.Process!.Lines(AppCluster.EscalatedMarker).Count).Should().BeGreaterThan(0);
        TestContext.Out.WriteLine($"{victim.Name} SIGKILLed holding {held.Count} message(s) after {killedAfter} of {ids.Count} incidents");
    }

    [Test]
    public async Task Three_instances_SIGKILLed_at_random_points_and_restarted_make_exactly_one_incident_per_finding()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PUSH_KILL_SEED"), out var given) ? given : Random.Shared.Next();
        TestContext.Out.WriteLine($"seed {seed} (PUSH_KILL_SEED={seed} repeats the kill schedule)");
        var random = new Random(seed);
        await using var world = await PushClusterWorld.StartAsync("push-kill-random");
        await world.Cluster.StartAllAsync(Ready);
        var findings = world.NewFindings(120, seed: 1402);
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();
        world.Push.SendPoison(PushClusterWorld.PoisonBody);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var publishing = world.PublishSteadilyAsync(findings, perSecond: 20);
        await Eventually.HoldsAsync(() => world.IncidentsFor(ids) >= 5, Ready, () => $"{world.IncidentsFor(ids)} incidents, waiting for the first 5");
        TestContext.Out.WriteLine($"first 5 incidents after {clock.Elapsed.TotalSeconds:0.0} s");
        var restarts = new List<Task>();
        var schedule = new List<string>();
        for (var kill = 0; kill < 5; kill++)
        {
            await Task.Delay(random.Next(300, 1_500));
            var running = world.Cluster.Instances.Where(i => i.IsRunning).ToList();
            if (running.Count == 0) continue;
            var victim = running[random.Next(running.Count)];
            await victim.KillAsync();
            schedule.Add($"{victim.Name} at {world.IncidentsFor(ids)} incidents");
            var pause = random.Next(200, 2_000);
            restarts.Add(RestartAsync(victim, pause));
        }

        await publishing;
        await Task.WhenAll(restarts);
        // An instance killed while it was starting again stays down until now.
        foreach (var instance in world.Cluster.Instances.Where(i => !i.IsRunning))
            instance.Start();
        foreach (var instance in world.Cluster.Instances)
            await instance.WaitReadyAsync(Ready);
        TestContext.Out.WriteLine($"published, all running after {clock.Elapsed.TotalSeconds:0.0} s");
        await world.SettledAsync(ids, poison: true, Settle);
        TestContext.Out.WriteLine($"settled after {clock.Elapsed.TotalSeconds:0.0} s");

        TestContext.Out.WriteLine($"seed {seed}: killed {string.Join("; ", schedule)}");
        world.AssertExactlyOnePerFinding(ids, poison: true);
        schedule.Should().NotBeEmpty();
        foreach (var instance in world.Cluster.Instances)
            instance.Process!.ShouldBeRunning();
    }

    [Test]
    public async Task An_instance_SIGKILLed_between_the_SOAR_create_and_the_SQS_delete_leaves_no_duplicate_after_redelivery()
    {
        await using var world = await PushClusterWorld.StartAsync("push-kill-after-create", visibility: 4);
        await world.Cluster.StartAllAsync(Ready);
        var findings = world.NewFindings(20, seed: 1403);
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();
        var target = ids[7];
        AppInstance? victim = null;
        IReadOnlyList<string> heldMessages = [];
        var seenInFlight = "";
        // SOAR has made the incident and not yet answered: the instance that asked dies before it can delete the message.
        // The finding may be in flight twice (its event and, on a slow run, the backstop's send of it, in one batch):
        // both are held by the same consumer, since a FIFO group is delivered to one consumer at a time.
        void KillTheCreator(object? sender, SoarIncidentChangedEventArgs change)
        {
            if (change.Kind != SoarIncidentChangeKind.Created || victim is not null
                || !Equals(change.Incident.Properties.GetValueOrDefault(IncidentFields.FindingId), target))
                return;
            var now = world.Push.State.Clock.GetUtcNow();
            var held = world.Push.State.Messages(world.Push.Queue)
                .Where(m => m.IsInFlight(now) && m.MessageGroupId == EventBridgeFeed.MessageGroupId && m.Body.Contains(target, StringComparison.Ordinal))
                .ToList();
            seenInFlight = string.Join(", ", held.Select(m => $"{m.MessageId} at {m.ReceivedBy}"));
            if (held.Select(m => m.ReceivedBy).Distinct().Count() != 1)
                return;
            heldMessages = held.Select(m => m.MessageId).ToList();
            victim = world.Cluster.ByAccessKey(held[0].ReceivedBy);
            victim?.KillNow();
        }

        world.World.Soar.State.IncidentChanged += KillTheCreator;
        await world.PublishSteadilyAsync(findings, perSecond: 20);
        await world.SettledAsync(ids, poison: false, Settle);
        world.World.Soar.State.IncidentChanged -= KillTheCreator;

        victim.Should().NotBeNull($"the hook saw the create of the target finding with its message in flight at one instance (in flight then: [{seenInFlight}])");
        world.AssertExactlyOnePerFinding(ids, poison: false);
        world.World.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents").Should().Be(ids.Count, "the redelivered event found the incident and created none");
        world.Push.State.Receives.Should().Contain(r => heldMessages.Contains(r.MessageId) && r.Receiver != victim!.AccessKeyId,
            "the message the dead instance held came back to another instance");
        victim!.IsRunning.Should().BeFalse();
        var incident = world.IncidentsByFinding()[target].Single();
        incident.Comments.Should().ContainSingle("the payload note is part of the create");
        incident.Rows("gd_finding_overview").Should().ContainSingle(
            "guardduty-app.md: the overview table holds one row; the rows the dead instance never wrote are completed on redelivery");
    }

    /// <summary>Starts the instance again after a pause; it may be killed again before it is ready (another random point).</summary>
    private static async Task RestartAsync(AppInstance instance, int pauseMs)
    {
        await Task.Delay(pauseMs);
        instance.Start();
    }
}
