using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Throttling, 5xx and 409 bursts, a failing region and a failing SOAR: cycles complete and nothing is lost or doubled.</summary>
[TestFixture]
public sealed class FaultTests
{
    private const string CreateRoute = @"^POST /rest/orgs/\d+/incidents$";
    private const string PatchRoute = @"^PATCH /rest/orgs/\d+/incidents/\d+$";

    [Test]
    public async Task A_region_list_that_cannot_be_read_counts_as_an_error_in_the_cycle_summary()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        h.Seed(h.Detector("us-east-1"), 5, seed: 7);
        h.Gd.Faults.FailBurst(1000, operation: "DescribeRegions");
        var poller = h.NewPoller();

        var broken = await poller.RunCycleAsync();

        broken.Regions.Should().Be(0);
        broken.Errors.Should().BeGreaterThan(0, "a cycle that could not learn its regions is not a clean cycle");

        h.Gd.Faults.Clear();
        var healed = await poller.RunCycleAsync();
        healed.Errors.Should().Be(0);
        healed.Created.Should().Be(5);
    }

    [Test]
    public async Task GuardDuty_throttling_and_SOAR_500_and_409_bursts_during_a_cycle_lose_nothing()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var seeded = new[] { h.Detector("us-east-1"), h.Detector("eu-west-1") }.Select((d, i) => (d, h.Seed(d, 110, seed: 61 + i))).ToList();
        h.Gd.Faults.ThrottleBurst(4, skip: 2, operation: "ListFindings");
        h.Gd.Faults.ThrottleBurst(4, skip: 1, operation: "GetFindings");
        h.Gd.Faults.FailBurst(3, skip: 6, operation: "GetFindings");
        h.Soar.Faults.Add(SoarFault.Burst(CreateRoute, 500, 5));
        h.Soar.Faults.Add(SoarFault.Burst("row_data", 503, 6));
        h.Soar.Faults.Add(SoarFault.Burst("query_paged", 500, 3));
        var poller = h.NewPoller();

        var cycle = await poller.RunCycleAsync();

        cycle.Errors.Should().Be(0);
        cycle.Created.Should().Be(220);
        h.Gd.Faults.InjectedCount.Should().Be(11);
        h.Soar.Faults.Fired.Should().Be(14);
        EscalationTests.AssertExactlyOnce(h, seeded);

        var flips = new ConcurrentDictionary<long, int>();
        h.Soar.State.IncidentChanged += (_, e) =>
        {
            if (e.Changes.Any(c => c.Field == "properties." + IncidentFields.TriggerRefresh && Equals(c.NewValue, true)))
                flips.AddOrUpdate(e.Incident.Id, 1, (_, n) => n + 1);
        };
        var updated = seeded[0].Item2.Take(10).Select(f => f.Value<string>("id")!).ToList();
        foreach (var id in updated) h.Gd.UpdateFinding(seeded[0].d, id);
        h.Soar.Faults.Add(SoarFault.Burst(PatchRoute, 409, 4));
        h.Gd.Faults.ThrottleBurst(3, operation: "ListFindings");

        var refresh = await poller.RunCycleAsync();
        var quiet = await poller.RunCycleAsync();

        refresh.Errors.Should().Be(0);
        refresh.Refreshed.Should().Be(10);
        quiet.Refreshed.Should().Be(0);
        flips.Keys.Should().BeEquivalentTo(updated.Select(id => h.IncidentOf(id).Id));
        flips.Values.Should().OnlyContain(n => n == 1, "each incident's trigger flips exactly once despite the 409s");
        h.Org.IncidentCount.Should().Be(220);
    }

    [Test]
    public async Task A_SOAR_outage_keeps_failed_findings_for_retry_and_the_next_cycle_escalates_them_once()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 60, seed: 71);
        var outage = h.Soar.Faults.Add(new SoarFault { Route = CreateRoute, Status = 500 });

        var down = await h.NewPoller().RunCycleAsync();

        down.Created.Should().Be(0);
        down.Errors.Should().Be(60);
        var checkpoint = new CheckpointStore(h.StateDir, NullLogger.Instance).Load(PollerHarness.AccountA, "us-east-1", detector.DetectorId);
        checkpoint.Retry.Keys.Should().BeEquivalentTo(findings.Select(f => f.Value<string>("id")!), "every failed finding waits for a retry");
        h.Logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains(findings[0].Value<string>("id")!, StringComparison.Ordinal),
            "the error names the finding");
        outage.Dispose();

        var up = await h.NewPoller().RunCycleAsync();
        var after = await h.NewPoller().RunCycleAsync();

        up.Created.Should().Be(60);
        up.Errors.Should().Be(0);
        after.Created.Should().Be(0);
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
    }

    [Test]
    public async Task An_incident_created_whose_table_rows_failed_is_completed_on_retry_not_duplicated()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 8, seed: 72);
        var rowsDown = h.Soar.Faults.Add(new SoarFault { Route = "row_data", Status = 500 });

        var broken = await h.NewPoller().RunCycleAsync();
        rowsDown.Dispose();
        var repaired = await h.NewPoller().RunCycleAsync();

        broken.Errors.Should().Be(8);
        h.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents").Should().Be(8, "incidents are created once; only their rows failed");
        repaired.Errors.Should().Be(0);
        repaired.Created.Should().Be(0);
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
        h.Logs.Lines.Should().Contain(l => l.Contains("after an interrupted create", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_failing_region_does_not_stop_the_others_and_catches_up_later()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var healthy = h.Detector("us-east-1");
        var failing = h.Detector("eu-west-1");
        var a = h.Seed(healthy, 20, seed: 81);
        var b = h.Seed(failing, 20, seed: 82);
        var rule = h.Gd.Faults.Add(new FaultRule(FaultKind.InternalError, new AlwaysTrigger()) { Region = "eu-west-1", Operation = "ListFindings" });

        var partial = await h.NewPoller().RunCycleAsync();
        h.Gd.Faults.Remove(rule);
        var full = await h.NewPoller().RunCycleAsync();

        partial.Created.Should().Be(20);
        partial.Errors.Should().Be(1);
        full.Created.Should().Be(20);
        EscalationTests.AssertExactlyOnce(h, [(healthy, a), (failing, b)]);
    }
}
