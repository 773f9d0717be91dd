using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>New findings in three regions (one with two detectors) become exactly one incident each, matching the mapper.</summary>
[TestFixture]
public sealed class EscalationTests
{
    [Test]
    public async Task Small_escalation_creates_one_incident_per_finding_with_the_mappers_content()
    {
        await using var h = await PollerHarness.StartAsync();
        var seeded = SeedThreeRegions(h, perDetector: 12);
        var poller = h.NewPoller();

        var summary = await poller.RunCycleAsync();

        summary.Errors.Should().Be(0);
        summary.Regions.Should().Be(3);
        summary.Detectors.Should().Be(4);
        summary.Created.Should().Be(48);
        AssertExactlyOnce(h, seeded);
        var again = await poller.RunCycleAsync();
        again.Created.Should().Be(0);
        again.Refreshed.Should().Be(0);
        h.Org.IncidentCount.Should().Be(48);
    }

    [Test]
    public async Task Fifteen_hundred_findings_over_many_pages_become_exactly_one_incident_each()
    {
        await using var h = await PollerHarness.StartAsync();
        var seeded = SeedThreeRegions(h, perDetector: 375);
        var all = seeded.SelectMany(s => s.Findings).ToList();
        all.Select(f => f.SelectToken("service.action.actionType")?.Value<string>()).Distinct().Count().Should().BeGreaterThanOrEqualTo(4);
        all.Should().Contain(f => f.Value<double>("severity") >= 9.0, "Critical severities must be part of the run");
        all.Should().Contain(f => f.Value<double>("severity") % 1 != 0, "fractional severities must be part of the run");

        var summary = await h.NewPoller().RunCycleAsync();

        summary.Errors.Should().Be(0);
        summary.Created.Should().Be(1500);
        h.Gd.Calls.Count("ListFindings").Should().BeGreaterThanOrEqualTo(1500 / 50, "ids are paged 50 at a time");
        h.Gd.Calls.Count("GetFindings").Should().BeLessThanOrEqualTo(1500 / 50 + 4, "GetFindings asks for 50 ids at a time");
        h.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents/query_paged").Should().BeLessThanOrEqualTo(1500 / 50 + 8, "one lookup per batch");
        h.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents").Should().Be(1500);
        AssertExactlyOnce(h, seeded);
        TestContext.Out.WriteLine($"1,500 findings: {summary.Duration.TotalMilliseconds:F0} ms, {1500 / summary.Duration.TotalSeconds:F0} findings/s, " +
                                  $"{summary.GuardDutyCalls} GuardDuty calls, {summary.SoarCalls} SOAR calls");
    }

    internal static List<(DetectorKey Detector, List<JObject> Findings)> SeedThreeRegions(PollerHarness h, int perDetector)
    {
        var detectors = new[]
        {
            h.Detector("us-east-1"), h.Detector("us-east-1", PollerHarness.AccountB), h.Detector("eu-west-1"), h.Detector("ap-southeast-2"),
        };
        return detectors.Select((d, i) => (d, h.Seed(d, perDetector, seed: 100 + i))).ToList();
    }

    internal static void AssertExactlyOnce(PollerHarness h, IEnumerable<(DetectorKey Detector, List<JObject> Findings)> seeded)
    {
        var incidents = h.IncidentsByFinding();
        var expectedCount = 0;
        foreach (var (detector, findings) in seeded)
        {
            foreach (var finding in findings)
            {
                expectedCount++;
                var id = finding.Value<string>("id")!;
                incidents[id].Should().ContainSingle($"finding {id} must have exactly one incident");
                var incident = incidents[id].Single();
                IncidentAssertions.Text(incident.Properties[IncidentFields.DetectorId]).Should().Be(detector.DetectorId);
                SpecIncident.From(h.Gd.GetFinding(detector, id)!, detector.Region).ShouldBeHeldBy(incident);
            }
        }

        incidents.Count.Should().Be(expectedCount, "no incident for anything that was not seeded");
    }
}
