using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>EC2 DescribeRegions + ListDetectors per region against the emulator, with denied regions and failed refreshes.</summary>
public class RegionDiscoveryContractTests : EmulatorContractFixture
{
    [Test]
    public async Task Regions_matching_the_pattern_are_listed_with_their_detectors_and_a_denied_region_is_skipped()
    {
        var east = NewDetector("us-east-1");
        var west = NewDetector("eu-west-1");
        NewDetector("eu-west-3");
        foreach (var old in State.Detectors().Where(k => k.AccountId == Account && k.Region == "us-west-1")) State.DeleteDetector(old);
        State.Faults.DenyRegion("eu-west-3");
        var factory = await NewFactoryAsync(o => o.Regions = RegionFilter.Parse("'^(US|eu)-'"));
        using var discovery = factory.CreateRegionDiscovery();

        var result = await discovery.RefreshAsync();

        result.Succeeded.Should().BeTrue();
        var names = result.Regions.Select(r => r.Name).ToList();
        names.Should().OnlyContain(n => n.StartsWith("us-") || n.StartsWith("eu-"));
        names.Should().Contain(["us-east-1", "eu-west-1", "us-west-1"]).And.NotContain("eu-west-3").And.NotContain("ap-south-1");
        result.Skipped.Should().ContainKey("eu-west-3").WhoseValue.Should().Contain("AccessDeniedException");
        result.Regions.Single(r => r.Name == "us-east-1").DetectorIds.Should().Equal(east.DetectorId);
        result.Regions.Single(r => r.Name == "eu-west-1").DetectorIds.Should().Equal(west.DetectorId);
        result.Regions.Single(r => r.Name == "us-west-1").HasDetectors.Should().BeFalse();
        result.Regions.Should().OnlyContain(r => !r.IsNew);
        result.Regions.Single(r => r.Name == "eu-west-1").Client.Region.Should().Be("eu-west-1");
        State.Calls.Count("DescribeRegions").Should().BeGreaterThan(0);
    }

    [Test]
    public async Task A_failed_refresh_keeps_the_last_good_list_and_a_returning_region_is_new()
    {
        NewDetector("us-east-1");
        NewDetector("us-west-2");
        State.Faults.DenyRegion("us-west-2");
        var factory = await NewFactoryAsync(o => { o.Regions = RegionFilter.Parse("us-east-1,us-west-2,ap-east-1"); o.MaxAttempts = 2; });
        using var discovery = factory.CreateRegionDiscovery();

        var first = await discovery.RefreshAsync();
        first.Regions.Select(r => r.Name).Should().Equal("us-east-1");

        var ec2Down = State.Faults.Add(new FaultRule(FaultKind.InternalError, new AlwaysTrigger()) { Service = "ec2" });
        var failed = await discovery.RefreshAsync();
        failed.Succeeded.Should().BeFalse();
        failed.Error.Should().Contain("DescribeRegions");
        failed.Regions.Select(r => r.Name).Should().Equal("us-east-1");
        discovery.Current.Select(r => r.Name).Should().Equal("us-east-1");
        discovery.LastError.Should().NotBeNull();
        (await discovery.GetRegionsAsync()).Select(r => r.Name).Should().Equal("us-east-1");

        State.Faults.Remove(ec2Down);
        State.Faults.AllowRegion("us-west-2");
        var recovered = await discovery.RefreshAsync();
        recovered.Succeeded.Should().BeTrue();
        recovered.Regions.Select(r => r.Name).Should().Equal("us-east-1", "us-west-2");
        recovered.Regions.Single(r => r.Name == "us-west-2").IsNew.Should().BeTrue();
        recovered.Regions.Single(r => r.Name == "us-east-1").IsNew.Should().BeFalse();
        discovery.LastError.Should().BeNull();
    }

    [Test]
    public async Task A_region_that_fails_transiently_keeps_its_previous_detectors()
    {
        var detector = NewDetector("eu-central-1");
        var factory = await NewFactoryAsync(o => { o.Regions = RegionFilter.Parse("eu-central-1"); o.MaxAttempts = 2; });
        using var discovery = factory.CreateRegionDiscovery();
        (await discovery.RefreshAsync()).Regions.Single().DetectorIds.Should().Equal(detector.DetectorId);

        State.Faults.Add(new FaultRule(FaultKind.InternalError, new AlwaysTrigger()) { Service = "guardduty", Region = "eu-central-1" });
        var result = await discovery.RefreshAsync();

        result.Succeeded.Should().BeTrue();
        result.Regions.Single().DetectorIds.Should().Equal(detector.DetectorId);
    }

    [Test]
    public async Task GetRegions_refreshes_only_when_the_interval_has_passed()
    {
        NewDetector("us-east-2");
        var factory = await NewFactoryAsync(o => { o.Regions = RegionFilter.Parse("us-east-2"); o.RegionsInterval = TimeSpan.FromHours(1); });
        using var discovery = factory.CreateRegionDiscovery();
        State.Calls.Reset();

        (await discovery.GetRegionsAsync()).Should().ContainSingle();
        (await discovery.GetRegionsAsync()).Should().ContainSingle();

        State.Calls.Count("DescribeRegions").Should().Be(1);
    }
}
