using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// Defect 2: the open incidents are re-read from SOAR at the start of every archive-check round (every cycle while they
/// fit in one), so an incident reopened by an analyst, or one made outside this process, is closed when its finding is
/// (still) archived; with more open incidents than one round checks, the re-read happens once per round.
/// </summary>
[TestFixture]
public sealed class ArchiveDriftTests
{
    [Test]
    public async Task An_incident_reopened_in_SOAR_whose_finding_stays_archived_is_closed_again_within_two_cycles()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 3, seed: 31);
        var poller = h.NewPoller();
        await poller.RunCycleAsync();
        var id = findings[1].Value<string>("id")!;
        h.Gd.SetArchived(detector, id, true);
        (await poller.RunCycleAsync()).Closed.Should().Be(1);
        var incidentId = h.IncidentOf(id).Id;

        // The analyst reopens it in SOAR; the finding stays archived in GuardDuty.
        await h.SoarClient.Incidents.UpdateAsync(incidentId, new Dictionary<string, JToken?> { ["plan_status"] = "A" });
        h.IncidentOf(id).IsClosed.Should().BeFalse();

        var first = await poller.RunCycleAsync();
        var second = await poller.RunCycleAsync();

        (first.Closed + second.Closed).Should().Be(1);
        h.IncidentOf(id).IsClosed.Should().BeTrue("its finding is archived, so the poller closes it again");
        h.Org.IncidentCount.Should().Be(3);
    }

    [Test]
    public async Task An_incident_created_outside_this_process_is_closed_when_its_finding_is_archived()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 2, seed: 32);
        var poller = h.NewPoller();
        await poller.RunCycleAsync();
        // A finding the poller never escalated (added after its high-water mark passed, archived from the start).
        var outside = h.Seed(detector, 1, seed: 33, start: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))[0];
        var outsideId = outside.Value<string>("id")!;
        h.Gd.SetArchived(detector, outsideId, true);
        var created = await h.SoarClient.Incidents.CreateAsync(new JObject
        {
            ["name"] = "Made by another tool",
            ["discovered_date"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["properties"] = new JObject
            {
                [IncidentFields.FindingId] = outsideId,
                [IncidentFields.DetectorId] = detector.DetectorId,
                [IncidentFields.Region] = "us-east-1",
            },
        });

        var cycle = await poller.RunCycleAsync();

        cycle.Closed.Should().Be(1);
        h.Org.GetIncident(created.Value<long>("id"))!.IsClosed.Should().BeTrue();
        h.Org.IncidentCount.Should().Be(3);
    }

    [Test]
    public async Task With_more_open_incidents_than_a_round_checks_SOAR_is_re_read_once_per_round_and_a_reopened_one_is_still_closed()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 5, seed: 34);
        // A round checks 2 of the 5 open incidents per cycle: rounds of 3 cycles (2 + 2 + 1).
        var poller = h.NewPoller(o => o with { ReconcileMaxPerCycle = 2 });
        await poller.RunCycleAsync();
        var archivedId = findings.Select(f => f.Value<string>("id")!).Order(StringComparer.Ordinal).First();
        h.Gd.SetArchived(detector, archivedId, true);
        await poller.RunCycleAsync();
        await poller.RunCycleAsync();
        h.IncidentOf(archivedId).IsClosed.Should().BeTrue("the round reached it");
        await h.SoarClient.Incidents.UpdateAsync(h.IncidentOf(archivedId).Id, new Dictionary<string, JToken?> { ["plan_status"] = "A" });

        var openQueries = new List<long>();
        for (var cycle = 0; cycle < 6; cycle++)
        {
            var before = OpenIncidentQueries(h);
            await poller.RunCycleAsync();
            openQueries.Add(OpenIncidentQueries(h) - before);
        }

        // Cycle 1 starts a round: the re-read (1 query) finds the reopened incident, whose close is looked up (1 query).
        // The round then goes on over the 4 still open, two a cycle: cycle 2 and 3 make no query; cycle 4 starts the
        // next round (1 re-read), and with 4 open a round lasts two cycles, so cycle 6 re-reads again.
        openQueries.Should().Equal([2, 0, 0, 1, 0, 1], "SOAR is re-read once per round, not once per cycle");
        h.IncidentOf(archivedId).IsClosed.Should().BeTrue("the re-read at the next round's start found the reopened incident, and the round closed it again");
        h.Org.IncidentCount.Should().Be(5);
    }

    /// <summary>Incident queries SOAR received (the open-set re-read pages, and the per-batch lookups, of which a steady cycle makes none).</summary>
    private static long OpenIncidentQueries(PollerHarness h) => h.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents/query_paged");
}
