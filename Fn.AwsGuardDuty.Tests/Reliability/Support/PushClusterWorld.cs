using System.Globalization;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// extensions.md §B "Several instances", with real processes: a <see cref="World"/> with its push queue (FIFO, FIFO
/// dead-letter queue after 2 receives, fed by the GuardDuty emulator as the EventBridge rule feeds it), SOAR with the
/// GuardDuty customization, and an <see cref="AppCluster"/> of built apps on that queue, each with its backstop poller
/// on (it sends what it finds into the same queue). Every line the instances write goes into the <see cref="LogBook"/>.
/// </summary>
public sealed class PushClusterWorld : IAsyncDisposable
{
    public const string Account = "246813579024";

    /// <summary>The body of the poison message: not JSON, so every consumer leaves it for the redrive policy.</summary>
    public const string PoisonBody = "{this is not an EventBridge event";

    private PushClusterWorld(World world, AppCluster cluster)
    {
        World = world;
        Cluster = cluster;
    }

    public World World { get; }

    public AppCluster Cluster { get; }

    public WorldPushQueue Push => World.Push;

    public SoarOrgState Org => World.Org;

    public DetectorKey Detector => World.Detectors[World.Regions[0]];

    /// <param name="visibility">aws_gd_sqs_visibility_timeout: how long a killed consumer's messages stay hidden.</param>
    public static async Task<PushClusterWorld> StartAsync(string name, int instances = 3, int visibility = 6)
    {
        var builder = World.Create().WithRegions("us-east-1").WithOrg(311, "Push Cluster Org", actionsFramework: false)
            .WithApiKey("push-cluster-key", "push-cluster-secret-" + RandomNumberGenerator.GetHexString(16))
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .WithPushQueue(maxReceiveCount: 2);
        for (var i = 0; i < instances; i++)
            builder.WithAws(Account, $"AKIAPUSHCLUSTER{i:D5}", $"push/cluster+{i}-" + RandomNumberGenerator.GetHexString(20));
        var world = await builder.StartAsync();
        var cluster = AppCluster.Create(world, instances, Path.Combine(TestContext.CurrentContext.TestDirectory, "fn-aws-guardduty"), c =>
        {
            WorldConfig.AddLines(c.Resilient, "request_max_retries = 3\nrequest_retry_delay = 1");
            WorldConfig.AddLines(c.GuardDuty, $"""
                aws_gd_polling_enabled = true
                aws_gd_reconcile_interval = 5s
                aws_gd_sqs_wait_time = 2s
                aws_gd_sqs_visibility_timeout = {visibility}s
                aws_gd_max_retries = 2
                """);
        }, onLine: (instance, stream, line) => LogBook.Run.Add($"{name} {instance} std{stream}", line));
        return new PushClusterWorld(world, cluster);
    }

    /// <summary>Findings made for the detector (recent, not archived), not yet in GuardDuty.</summary>
    public List<JObject> NewFindings(int count, int seed) =>
        new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = Detector.AccountId,
            Region = Detector.Region,
            DetectorId = Detector.DetectorId,
            StartTime = DateTimeOffset.UtcNow.AddMinutes(-20),
        }).Generate(count).ToList();

    /// <summary>Adds the findings to GuardDuty at <paramref name="perSecond"/>; each becomes an event in the queue.</summary>
    public async Task PublishSteadilyAsync(IReadOnlyList<JObject> findings, double perSecond, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < findings.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
            World.Gd.AddFinding(Detector, findings[i]);
        }
    }

    /// <summary>Incidents per finding id.</summary>
    public ILookup<string, SoarIncidentView> IncidentsByFinding() =>
        Org.GetIncidents()
            .Where(i => i.Properties.GetValueOrDefault(IncidentFields.FindingId) is not null)
            .ToLookup(i => Convert.ToString(i.Properties[IncidentFields.FindingId], CultureInfo.InvariantCulture)!);

    public int IncidentsFor(IEnumerable<string> findingIds)
    {
        var incidents = IncidentsByFinding();
        return findingIds.Count(id => incidents[id].Any());
    }

    /// <summary>
    /// Waits for the end state §B asks for: every finding has an incident, the queue holds nothing, and the poison
    /// message has reached the dead-letter queue (when one was sent).
    /// </summary>
    public Task SettledAsync(IReadOnlyCollection<string> findingIds, bool poison, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            () => IncidentsFor(findingIds) == findingIds.Count && Push.Depth == 0 && (!poison || Push.State.Messages(Push.DeadLetters).Count > 0),
            timeout,
            () => $"{IncidentsFor(findingIds)} of {findingIds.Count} findings have an incident, {Push.Depth} message(s) on the queue, " +
                  $"{Push.State.Messages(Push.DeadLetters).Count} in the dead-letter queue; running: " +
                  string.Join(", ", Cluster.Instances.Select(i => $"{i.Name}={i.IsRunning}")));

    /// <summary>Exactly one incident per finding, none for anything else; the dead-letter queue holds the poison message only.</summary>
    public void AssertExactlyOnePerFinding(IReadOnlyCollection<string> findingIds, bool poison)
    {
        var incidents = IncidentsByFinding();
        foreach (var id in findingIds)
            incidents[id].Should().ContainSingle($"finding {id} must have exactly one incident");
        incidents.Count.Should().Be(findingIds.Count, "no incident for anything but the published findings");
        Org.IncidentCount.Should().Be(findingIds.Count);
        Push.State.Messages(Push.Queue).Should().BeEmpty("every handled message is deleted");
        var deadLetters = Push.State.Messages(Push.DeadLetters);
        if (poison)
            deadLetters.Should().ContainSingle().Which.Body.Should().Be(PoisonBody);
        else
            deadLetters.Should().BeEmpty();
    }

    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}
