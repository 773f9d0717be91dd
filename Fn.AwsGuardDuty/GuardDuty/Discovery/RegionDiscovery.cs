using System.Collections.Concurrent;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>
/// Keeps the list of GuardDuty regions and their detectors: EC2 DescribeRegions, the <see cref="RegionFilter"/>, then
/// ListDetectors per region (bounded concurrency), rebuilt every interval. It never throws at its caller (except for
/// cancellation): a failed DescribeRegions keeps the last good list; a region where GuardDuty is denied or not enabled is
/// logged once per refresh and skipped; a region that fails for another reason keeps its previous entry if it had one.
/// </summary>
public sealed class RegionDiscovery : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly IRegionLister _lister;
    private readonly Func<string, IGuardDutyClient> _clients;
    private readonly RegionFilter _filter;
    private readonly TimeSpan _interval;
    private readonly int _concurrency;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _ownsLister;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private IReadOnlyList<GuardDutyRegion> _current = [];
    private DateTimeOffset? _nextRefresh;
    private bool _hadSuccess;

    public RegionDiscovery(IRegionLister lister, Func<string, IGuardDutyClient> clients, RegionFilter filter, TimeSpan interval,
        int concurrency, ILogger<RegionDiscovery> logger, TimeProvider? timeProvider = null, bool ownsLister = false)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency));
        _lister = lister;
        _clients = clients;
        _filter = filter;
        _interval = interval;
        _concurrency = concurrency;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _ownsLister = ownsLister;
    }

    /// <summary>The last good list (empty before the first successful refresh).</summary>
    public IReadOnlyList<GuardDutyRegion> Current => Volatile.Read(ref _current);

    /// <summary>When the last refresh that reached EC2 finished.</summary>
    public DateTimeOffset? LastRefreshed { get; private set; }

    /// <summary>The error of the last refresh, null when it succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>The regions, refreshed first when the interval has passed (or a failed refresh is due for another try).</summary>
    public async Task<IReadOnlyList<GuardDutyRegion>> GetRegionsAsync(CancellationToken cancellationToken = default)
    {
        if (_nextRefresh is { } due && _time.GetUtcNow() < due) return Current;
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_nextRefresh is { } again && _time.GetUtcNow() < again) return Current;
            return (await RefreshLockedAsync(cancellationToken).ConfigureAwait(false)).Regions;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Rebuilds the list now.</summary>
    public async Task<RegionRefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<RegionRefreshResult> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names;
        try
        {
            names = await _lister.ListRegionNamesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LastError = e.Message;
            _nextRefresh = _time.GetUtcNow() + (RetryAfterFailure < _interval ? RetryAfterFailure : _interval);
            _logger.LogError("Region refresh failed, keeping the last list of {Count} region(s): {Error}", Current.Count, e.Message);
            return new RegionRefreshResult(false, Current, new Dictionary<string, string>(), e.Message);
        }

        var selected = _filter.Apply(names);
        if (_filter.IsExplicitList)
            foreach (var missing in _filter.ExplicitRegions.Except(names, StringComparer.OrdinalIgnoreCase))
                _logger.LogWarning("Region {Region} from aws_gd_regions is not enabled for the account; skipped", missing);

        var previous = Current.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var skipped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var found = new ConcurrentDictionary<string, GuardDutyRegion>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(selected,
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                var region = await ProbeAsync(name, previous, skipped, ct).ConfigureAwait(false);
                if (region is not null) found[name] = region;
            }).ConfigureAwait(false);

        var regions = selected.Where(found.ContainsKey).Select(n => found[n]).ToList();
        Volatile.Write(ref _current, regions);
        _hadSuccess = true;
        LastError = null;
        LastRefreshed = _time.GetUtcNow();
        _nextRefresh = LastRefreshed + _interval;
        _logger.LogInformation(
            "Regions refreshed ({Filter}): {Enabled} enabled, {Selected} selected, {Usable} usable ({Regions}), {WithoutDetector} without a detector, {Skipped} skipped",
            _filter, names.Count, selected.Count, regions.Count, string.Join(",", regions.Select(r => r.Name)),
            regions.Count(r => !r.HasDetectors), skipped.Count);
        return new RegionRefreshResult(true, regions, new Dictionary<string, string>(skipped), null);
    }

    private async Task<GuardDutyRegion?> ProbeAsync(string name, IReadOnlyDictionary<string, GuardDutyRegion> previous,
        ConcurrentDictionary<string, string> skipped, CancellationToken cancellationToken)
    {
        var isNew = _hadSuccess && !previous.ContainsKey(name);
        try
        {
            var client = _clients(name);
            var detectors = new List<string>();
            await foreach (var id in client.ListDetectorsAsync(cancellationToken).ConfigureAwait(false)) detectors.Add(id);
            if (detectors.Count == 0) _logger.LogDebug("Region {Region}: GuardDuty has no detector", name);
            return new GuardDutyRegion(name, detectors, isNew, client);
        }
        catch (GuardDutyServiceException e) when (e.MeansRegionUnavailable)
        {
            skipped[name] = $"{e.ErrorCode}: {e.ServiceMessage}";
            _logger.LogWarning("Region {Region} skipped: GuardDuty is not available there ({Code}: {Message})",
                name, e.ErrorCode, e.ServiceMessage);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (previous.TryGetValue(name, out var last))
            {
                _logger.LogError("Region {Region}: ListDetectors failed, keeping its last detectors: {Error}", name, e.Message);
                return last with { IsNew = false };
            }
            skipped[name] = e.Message;
            _logger.LogError("Region {Region} skipped: ListDetectors failed: {Error}", name, e.Message);
            return null;
        }
    }

    public void Dispose()
    {
        _refreshLock.Dispose();
        if (_ownsLister) (_lister as IDisposable)?.Dispose();
    }
}
