using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Discovery;
using Fn.AwsGuardDuty.Poller;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>
/// The regions that real <see cref="RegionDiscovery"/> instances (one per account, against the emulator) report, merged
/// by name: a region where two accounts have a detector becomes one region with two detectors.
/// </summary>
internal sealed class MergedRegionSource(IReadOnlyList<RegionDiscovery> discoveries) : IRegionSource
{
    public string? LastProblem => discoveries.Select(d => d.LastError).FirstOrDefault(e => e is not null);

    public async Task<IReadOnlyList<GuardDutyRegion>> GetRegionsAsync(CancellationToken cancellationToken)
    {
        var all = new List<GuardDutyRegion>();
        foreach (var discovery in discoveries) all.AddRange(await discovery.GetRegionsAsync(cancellationToken));
        return all.GroupBy(r => r.Name).Select(group =>
        {
            var regions = group.ToList();
            if (regions.Count == 1) return regions[0];
            var byDetector = new Dictionary<string, IGuardDutyClient>(StringComparer.Ordinal);
            foreach (var region in regions)
                foreach (var id in region.DetectorIds) byDetector[id] = region.Client;
            return new GuardDutyRegion(group.Key, byDetector.Keys.ToList(), regions.Any(r => r.IsNew), new DetectorRoutingClient(group.Key, byDetector));
        }).ToList();
    }
}
