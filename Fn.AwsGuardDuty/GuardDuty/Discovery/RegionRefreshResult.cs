namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>What one refresh did. On failure <see cref="Regions"/> is the last good list.</summary>
/// <param name="Skipped">Regions left out this time, with the reason (denied, not subscribed, unreachable).</param>
public sealed record RegionRefreshResult(
    bool Succeeded,
    IReadOnlyList<GuardDutyRegion> Regions,
    IReadOnlyDictionary<string, string> Skipped,
    string? Error);
