using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.TryIt;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>
/// The poller in the app as <c>run</c> wires it, over the GuardDuty and SOAR emulators: the incident, cycle, finding and
/// call series against what the test seeded, what the emulators received, and what try-it's own SOAR watcher
/// (<see cref="SoarActivity"/>, the source of the demo's summary) saw happen in SOAR.
/// </summary>
[NonParallelizable]
public sealed class PollerMetricsTests
{
    private const string East = "us-east-1";
    private const string West = "eu-west-1";

    [Test]
    public async Task A_cycle_counts_what_it_escalated_archiving_closes_and_an_update_triggers_a_refresh()
    {
        await using var world = await World.Create().WithRegions(East, West)
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Metrics Org", actionsFramework: false)
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .StartAsync();
        world.WriteConfig(c => WorldConfig.AddLines(c.GuardDuty, "aws_gd_polling_enabled = true\naws_gd_polling_interval = 60"));
        using var activity = new SoarActivity(world.Soar.State, world.OrgId);
        await using var host = await world.StartHostAsync(NullLoggerFactory.Instance);
        var poller = host.Services.GetRequiredService<FindingsPoller>();
        // The hosted service's first cycle, over an empty GuardDuty, runs at start-up; the next is an hour away.
        await WaitUntil(() => poller.LastCycle is not null);
        using var probe = new MetricsProbe(host.Services);

        var east = world.Seed(world.Detectors[East], 3, seed: 31);
        var west = world.Seed(world.Detectors[West], 2, seed: 32);
        var first = await poller.RunCycleAsync();

        first.Errors.Should().Be(0);
        probe.Count(MetricNames.IncidentsCreated).Should().Be(5).And.Be(activity.Created);
        probe.Count(MetricNames.FindingsSeen, "region", East).Should().Be(east.Count);
        probe.Count(MetricNames.FindingsSeen, "region", West).Should().Be(west.Count);
        probe.Count(MetricNames.PollCycles, "outcome", MetricOutcomes.Ok).Should().Be(1);
        probe.Recorded(MetricNames.PollCycleDuration).Should().ContainSingle().Which.Should().BeApproximately(first.Duration.TotalSeconds, 1e-9);
        probe.Count(MetricNames.SoarCalls, "operation", "create_incident", "outcome", MetricOutcomes.Ok).Should().Be(5)
            .And.Be(world.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents"));
        probe.Count(MetricNames.SoarCalls, "operation", "query_incidents").Should().Be(world.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents/query_paged"))
            .And.BePositive();
        probe.Count(MetricNames.SoarCalls).Should().Be(world.Soar.Calls.Total, "every request SOAR received, the login included, is counted once");
        probe.Count(MetricNames.SoarCalls, "operation", SoarOperationOther).Should().Be(0, probe.Describe(MetricNames.SoarCalls));
        foreach (var (operation, received) in world.Gd.Calls.ByOperation())
            probe.Count(MetricNames.AwsCalls, "operation", operation, "outcome", MetricOutcomes.Ok).Should().Be(received, operation);
        probe.Count(MetricNames.AwsCalls, "operation", "ListFindings").Should().BePositive();
        probe.Count(MetricNames.AwsCalls, "operation", "DescribeRegions").Should().BePositive();
        probe.Count(MetricNames.AwsCalls, "operation", "GetCallerIdentity", "outcome", MetricOutcomes.Ok).Should().Be(1, "the account is asked once");

        world.Gd.SetArchived(world.Detectors[East], (string)east[0]["id"]!, true);
        world.Gd.SetArchived(world.Detectors[West], (string)west[1]["id"]!, true);
        world.Gd.UpdateFinding(world.Detectors[East], (string)east[2]["id"]!, f => f["severity"] = 8.5);
        var second = await poller.RunCycleAsync();

        second.Closed.Should().Be(2);
        probe.Count(MetricNames.IncidentsClosed).Should().Be(2).And.Be(activity.Closed);
        probe.Count(MetricNames.RefreshTriggered).Should().Be(1).And.Be(activity.RefreshTriggers);
        probe.Count(MetricNames.IncidentsCreated).Should().Be(5, "nothing new was escalated");
        probe.Count(MetricNames.PollCycles, "outcome", MetricOutcomes.Ok).Should().Be(2);
        probe.Count(MetricNames.PollCycles, "outcome", MetricOutcomes.Error).Should().Be(0);
        probe.Count(MetricNames.SoarCalls, "operation", "patch_incident").Should().Be(world.Soar.Calls.Get("PATCH", "/rest/orgs/{org}/incidents/{id}"))
            .And.BePositive();
    }

    private const string SoarOperationOther = "other";

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the poller's first cycle did not finish");
            await Task.Delay(20);
        }
    }
}
