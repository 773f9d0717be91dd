using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// Defect 2: the open incidents are re-read from SOAR every cycle, so an incident reopened by an analyst, or one made
/// outside this process, is closed when its finding is (still) archived.
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
}
