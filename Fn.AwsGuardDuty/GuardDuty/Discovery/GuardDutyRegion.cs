namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>A region where GuardDuty answered, with its detectors (possibly none) and its client.</summary>
/// <param name="IsNew">True when a refresh (not the first) found the region for the first time.</param>
public sealed record GuardDutyRegion(string Name, IReadOnlyList<string> DetectorIds, bool IsNew, IGuardDutyClient Client)
{
    public bool HasDetectors => DetectorIds.Count > 0;
}
