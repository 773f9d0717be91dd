using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Findings sharing the checkpoint's millisecond, split across cycles (and restarts), are neither lost nor duplicated.</summary>
[TestFixture]
public sealed class BoundaryTests
{
    private const string Mark = "2025-03-01T10:00:00.500Z";

    [TestCase(0)]
    [TestCase(5000)]
    public async Task Same_millisecond_findings_straddling_the_cycle_boundary_are_escalated_exactly_once(int overlapMs)
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var first = h.Seed(detector, 4, seed: 21, (i, f) => f["updatedAt"] = i == 0 ? "2025-03-01T10:00:00.499Z" : Mark);
        PollerOptions Tweak(PollerOptions o) => o with { MaxFindingsPerCycle = 2, Overlap = TimeSpan.FromMilliseconds(overlapMs) };

        var one = await h.NewPoller(Tweak).RunCycleAsync();
        var late = h.Seed(detector, 2, seed: 22, (_, f) => f["updatedAt"] = Mark);
        var two = await h.NewPoller(Tweak).RunCycleAsync();
        var three = await h.NewPoller(Tweak).RunCycleAsync();
        var four = await h.NewPoller(Tweak).RunCycleAsync();

        one.Created.Should().Be(2);
        one.CapReached.Should().BeTrue();
        new[] { two.Created, three.Created, four.Created }.Should().Equal(2, 2, 0);
        var incidents = h.IncidentsByFinding();
        foreach (var finding in first.Concat(late)) incidents[finding.Value<string>("id")!].Should().ContainSingle();
        h.Org.IncidentCount.Should().Be(6);
        var checkpoint = new CheckpointStore(h.StateDir, NullLogger.Instance).Load(PollerHarness.AccountA, "us-east-1", detector.DetectorId);
        checkpoint.HighWater.Should().Be(DateTimeOffset.Parse(Mark, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        checkpoint.BoundaryIds().Should().BeEquivalentTo(first.Skip(1).Concat(late).Select(f => f.Value<string>("id")!),
            "every id at the mark's millisecond is remembered");
    }
}
