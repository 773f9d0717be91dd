using Fn.AwsGuardDuty.GuardDuty.Discovery;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>Where the poller learns which regions and detectors to poll (normally <see cref="RegionDiscoverySource"/>).</summary>
public interface IRegionSource
{
    /// <summary>The regions to poll now, each with its detectors and client. Should not throw for one bad region.</summary>
    Task<IReadOnlyList<GuardDutyRegion>> GetRegionsAsync(CancellationToken cancellationToken);

    /// <summary>Why the last refresh of the region list failed (the list is then the last good one, or empty); null when it worked.</summary>
    string? LastProblem => null;
}
