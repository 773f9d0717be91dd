using Fn.AwsGuardDuty.GuardDuty.Discovery;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Regions from <see cref="RegionDiscovery"/> (EC2 DescribeRegions, the <c>aws_gd_regions</c> filter, ListDetectors),
/// rebuilt every <c>aws_gd_regions_interval</c>.
/// </summary>
public sealed class RegionDiscoverySource(RegionDiscovery discovery) : IRegionSource, IDisposable
{
    public Task<IReadOnlyList<GuardDutyRegion>> GetRegionsAsync(CancellationToken cancellationToken) =>
        discovery.GetRegionsAsync(cancellationToken);

    public string? LastProblem => discovery.LastError;

    public void Dispose() => discovery.Dispose();
}
