using Fn.AwsGuardDuty.Tests.Poller.Support;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// Defect 3: detectors are listed every cycle (one ListDetectors per selected region), while the region list itself
/// (EC2 DescribeRegions) is only rebuilt every aws_gd_regions_interval.
/// </summary>
[TestFixture]
public sealed class DetectorDiscoveryTests
{
    [Test]
    public async Task A_detector_created_in_a_region_is_polled_on_the_next_cycle()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1", regionsInterval: TimeSpan.FromHours(1));
        h.Seed(h.Detector("us-east-1"), 2, seed: 41);
        var poller = h.NewPoller();
        var before = await poller.RunCycleAsync();
        before.Created.Should().Be(2);
        var describeRegions = h.Gd.Calls.Count("DescribeRegions");

        var created = h.Detector("eu-west-1");
        var findings = h.Seed(created, 3, seed: 42);
        var next = await poller.RunCycleAsync();

        next.Created.Should().Be(3, "the new detector is found by the next cycle's ListDetectors, not an hour later");
        foreach (var finding in findings) h.IncidentOf(finding.Value<string>("id")!).Should().NotBeNull();
        h.Gd.Calls.Count("DescribeRegions").Should().Be(describeRegions, "the region list itself waits for aws_gd_regions_interval");
    }

    [Test]
    public async Task A_detector_that_disappears_is_dropped_on_the_next_cycle()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1", regionsInterval: TimeSpan.FromHours(1));
        var east = h.Detector("us-east-1");
        var west = h.Detector("eu-west-1");
        h.Seed(east, 1, seed: 43);
        h.Seed(west, 1, seed: 44);
        var poller = h.NewPoller();
        (await poller.RunCycleAsync()).Detectors.Should().Be(2);

        h.Gd.DeleteDetector(west).Should().BeTrue();
        var next = await poller.RunCycleAsync();

        next.Detectors.Should().Be(1);
        next.Errors.Should().Be(0, "a deleted detector is not polled (and does not fail)");
    }
}
