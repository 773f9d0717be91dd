using System.Collections.Concurrent;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Poller;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// The detector a pushed finding is escalated under, as the poller would list it (extensions.md §A "Accounts"): a
/// finding of the app's own account under its own <c>service.detectorId</c>; a member account's finding (an
/// administrator's queue receives its members' events) under the administrator's detector in that region, the one
/// the poller lists it through and the functions archive and refresh it through. The caller's account comes from STS
/// (kept for the process's life), each region's own detector from ListDetectors (kept once found).
/// </summary>
public sealed class PushDetectorResolver(Func<string, IGuardDutyClient> clients, ICallerAccount account)
{
    private readonly ConcurrentDictionary<string, string> _own = new(StringComparer.Ordinal);

    public async Task<string> ResolveAsync(PolledFinding finding, string region, string findingDetector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.AccountId is not { Length: > 0 } owner || owner == await account.GetAccountIdAsync(cancellationToken).ConfigureAwait(false))
            return findingDetector;
        if (_own.TryGetValue(region, out var known))
            return known;
        await foreach (var detectorId in clients(region).ListDetectorsAsync(cancellationToken).ConfigureAwait(false))
            return _own[region] = detectorId;
        // No detector of our own there: the finding is seen through its own detector only.
        return findingDetector;
    }
}
