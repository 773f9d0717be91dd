using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.GuardDuty.Discovery;

/// <summary>
/// Keeps the list of GuardDuty regions and their detectors: EC2 DescribeRegions and the <see cref="RegionFilter"/>, rebuilt
/// every interval, and ListDetectors in each selected region (bounded concurrency) on every <see cref="GetRegionsAsync"/>,
/// so a detector created or deleted is seen by the next cycle (as IBM's app lists detectors every cycle). It never throws
/// at its caller (except for cancellation): a failed DescribeRegions keeps the last good list of names; a region where
/// GuardDuty is denied or not enabled is logged once per region refresh and left out until the next one; a region whose
/// ListDetectors fails for another reason keeps its previous detectors if it had any.
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
    private IReadOnlyList<string> _probe = [];
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

    /// <summary>
    /// The regions with their detectors as of now: the region names are rebuilt first when the interval has passed (or a
    /// failed refresh is due for another try), else each selected region's detectors are listed again.
    /// </summary>
    public async Task<IReadOnlyList<GuardDutyRegion>> GetRegionsAsync(CancellationToken cancellationToken = default)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_nextRefresh is null || _time.GetUtcNow() >= _nextRefresh)
                return (await RefreshLockedAsync(cancellationToken).ConfigureAwait(false)).Regions;
            return await ListDetectorsLockedAsync(cancellationToken).ConfigureAwait(false);
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

        var selected = _filter.Apply(names, out var timedOut);
        if (timedOut.Count > 0)
            _logger.LogError("{Key}: the pattern {Pattern} ran into its match timeout on region(s) {Regions}; they are not polled. Use a simpler pattern or a list of region names",
                RegionFilter.Key, _filter.Text, string.Join(",", timedOut));
        if (_filter.Regions is { } listed)
            foreach (var missing in listed.Except(names, StringComparer.OrdinalIgnoreCase))
                _logger.LogWarning("Region {Region} from aws_gd_regions is not enabled for the account; skipped", missing);

        var previous = Current.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var skipped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unavailable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var found = await ProbeAllAsync(selected, previous, skipped, unavailable, cancellationToken).ConfigureAwait(false);

        var regions = selected.Where(found.ContainsKey).Select(n => found[n]).ToList();
        Volatile.Write(ref _current, regions);
        // Every selected region is listed again next cycle, except those where GuardDuty is denied or not enabled.
        _probe = selected.Where(n => found.ContainsKey(n) || !unavailable.ContainsKey(n)).ToList();
        _hadSuccess = true;
        LastError = null;
        LastRefreshed = _time.GetUtcNow();
        _nextRefresh = LastRefreshed + _interval;
        _logger.LogInformation(
            "Regions refreshed (aws_gd_regions {Filter}): {Enabled} enabled, {Selected} selected, {Usable} usable ({Regions}), {WithoutDetector} without a detector, {Skipped} skipped",
            _filter, names.Count, selected.Count, regions.Count, string.Join(",", regions.Select(r => r.Name)),
            regions.Count(r => !r.HasDetectors), skipped.Count);
        return new RegionRefreshResult(true, regions, new Dictionary<string, string>(skipped), null);
    }

    /// <summary>One ListDetectors per region of the last region refresh; logs detectors that appeared or disappeared.</summary>
    private async Task<IReadOnlyList<GuardDutyRegion>> ListDetectorsLockedAsync(CancellationToken cancellationToken)
    {
        var names = _probe;
        var previous = Current.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var skipped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unavailable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var found = await ProbeAllAsync(names, previous, skipped, unavailable, cancellationToken).ConfigureAwait(false);
        var regions = names.Where(found.ContainsKey).Select(n => found[n]).ToList();
        // A region where GuardDuty became denied or disabled waits for the next region refresh (one warning, not one per cycle).
        if (!unavailable.IsEmpty) _probe = names.Where(n => !unavailable.ContainsKey(n)).ToList();
        foreach (var region in regions)
        {
            var before = previous.TryGetValue(region.Name, out var last) ? last.DetectorIds : [];
            foreach (var added in region.DetectorIds.Except(before, StringComparer.Ordinal))
                _logger.LogInformation("Region {Region}: new GuardDuty detector {DetectorId}; polled from this cycle", region.Name, added);
            foreach (var gone in before.Except(region.DetectorIds, StringComparer.Ordinal))
                _logger.LogInformation("Region {Region}: GuardDuty detector {DetectorId} is gone; no longer polled", region.Name, gone);
        }

        Volatile.Write(ref _current, regions);
        return regions;
    }

    private async Task<ConcurrentDictionary<string, GuardDutyRegion>> ProbeAllAsync(IReadOnlyList<string> names,
        IReadOnlyDictionary<string, GuardDutyRegion> previous, ConcurrentDictionary<string, string> skipped,
        ConcurrentDictionary<string, string> unavailable, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, GuardDutyRegion>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names,
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                var region = await ProbeAsync(name, previous, skipped, unavailable, ct).ConfigureAwait(false);
                if (region is not null) found[name] = region;
            }).ConfigureAwait(false);
        return found;
    }

    private async Task<GuardDutyRegion?> ProbeAsync(string name, IReadOnlyDictionary<string, GuardDutyRegion> previous,
        ConcurrentDictionary<string, string> skipped, ConcurrentDictionary<string, string> unavailable, CancellationToken cancellationToken)
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
            unavailable[name] = skipped[name];
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
