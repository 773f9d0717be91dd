using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty.Discovery;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Escalates GuardDuty findings to SOAR incidents, exactly once each, and keeps the incidents in step: one
/// <see cref="RunCycleAsync(CancellationToken)"/> polls every region (concurrently, bounded) and every detector in it
/// (see <see cref="DetectorPass"/>), then logs one summary line. Cycles never overlap. Nothing here throws for a bad
/// finding, a failing region or an unreachable SOAR: errors are logged and counted, and the cycle goes on.
/// </summary>
public sealed class FindingsPoller
{
    private readonly IRegionSource _regions;
    private readonly SoarClient _soar;
    private readonly PollerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PollerContext _context;
    private readonly SemaphoreSlim _cycle = new(1, 1);
    private readonly ConcurrentDictionary<(string Account, string Region, string DetectorId), DetectorCheckpoint> _checkpoints = new();
    private readonly ICallerAccount _account;

    /// <param name="backstop">Push mode: findings are sent into the push queue instead of escalated (extensions.md §B).</param>
    /// <param name="metrics">Where cycles, findings seen and incidents created and closed are counted; none when null.</param>
    public FindingsPoller(IRegionSource regions, ICallerAccount account, SoarClient soar, FindingMapper mapper, PollerOptions options,
        TimeProvider timeProvider, ILogger<FindingsPoller> logger, Push.PushBackstopSender? backstop = null, AppMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        ArgumentNullException.ThrowIfNull(soar);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _regions = regions;
        _soar = soar;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
        var template = CloseTemplate.Load(options.CloseIncidentTemplatePath);
        Store = new CheckpointStore(options.StateDir, logger, _time);
        _context = new PollerContext(options, new PollerSoar(soar, options, _time, logger, metrics), mapper,
            new FindingFilter(options.SeverityThreshold, options.FindingTypes, options.ExcludeFindingTypes, options.Accounts, options.ExcludeAccounts, logger), template, Store, _time, logger, backstop, metrics);
    }

    public PollerOptions Options => _options;

    public CheckpointStore Store { get; }

    /// <summary>The summary of the last finished cycle.</summary>
    public PollCycleSummary? LastCycle { get; private set; }

    /// <summary>
    /// One cycle. Cancelling <paramref name="stop"/> is a graceful stop: no new batch starts, the batches in progress
    /// finish, and every checkpoint is saved reflecting exactly what SOAR accepted.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another cycle of this poller is running.</exception>
    public Task<PollCycleSummary> RunCycleAsync(CancellationToken stop = default) => RunCycleAsync(stop, CancellationToken.None);

    /// <summary>
    /// One cycle, with a hard stop as well: cancelling <paramref name="abort"/> cancels calls in flight and saves nothing
    /// more (as if the process were killed) and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<PollCycleSummary> RunCycleAsync(CancellationToken stop, CancellationToken abort)
    {
        if (!await _cycle.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
            throw new InvalidOperationException("A poll cycle is already running; cycles never overlap.");
        try
        {
            return await RunLockedAsync(stop, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // As after a kill: what is on disk is the truth; the next cycle reloads it.
            _checkpoints.Clear();
            throw;
        }
        finally
        {
            _cycle.Release();
        }
    }

    private async Task<PollCycleSummary> RunLockedAsync(CancellationToken stop, CancellationToken abort)
    {
        var started = _time.GetTimestamp();
        var soarCallsBefore = _soar.Counters.Calls;
        var counters = new CycleCounters();
        var budget = new CycleBudget(_options.MaxFindingsPerCycle);
        var capReached = 0;
        _logger.LogDebug("Polling GuardDuty for new and updated findings");

        IReadOnlyList<GuardDutyRegion> regions;
        try
        {
            regions = await _regions.GetRegionsAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            counters.AddError();
            _logger.LogError("Poll cycle: the regions to poll could not be read: {Error}", e.Message);
            regions = [];
        }

        // A failed discovery keeps the last good list (or none): the summary must not read as a clean cycle.
        if (_regions.LastProblem is { } problem)
        {
            counters.AddError();
            _logger.LogWarning("Poll cycle: the region list could not be refreshed ({Error}); {Action}", problem,
                regions.Count == 0 ? "no region to poll until it can" : "polling the last good list");
        }

        string? account = null;
        try
        {
            account = await _account.GetAccountIdAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            // Without the account no checkpoint can be chosen; polling waits rather than starting from scratch.
            counters.AddError();
            _logger.LogError("Poll cycle: the AWS account of the credentials could not be learned from STS ({Error}); no detector is polled this cycle", e.Message);
            regions = [];
        }

        await Parallel.ForEachAsync(regions.Where(r => r.HasDetectors),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRegions, CancellationToken = abort },
            async (region, ct) =>
            {
                if (stop.IsCancellationRequested) return;
                counters.AddRegion();
                foreach (var detectorId in region.DetectorIds.Distinct(StringComparer.Ordinal))
                {
                    if (stop.IsCancellationRequested || budget.Exhausted) break;
                    counters.AddDetector();
                    try
                    {
                        var checkpoint = _checkpoints.GetOrAdd((account!, region.Name, detectorId), key => Store.Load(key.Account, key.Region, key.DetectorId));
                        var pass = new DetectorPass(_context, region.Name, detectorId, region.Client, checkpoint, counters, budget);
                        await pass.RunAsync(stop, ct).ConfigureAwait(false);
                        if (pass.CapReached) Interlocked.Exchange(ref capReached, 1);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        counters.AddError();
                        _logger.LogError("Region {Region} detector {DetectorId} failed: {Error}", region.Name, detectorId, e.Message);
                    }
                }
            }).ConfigureAwait(false);

        var summary = new PollCycleSummary(
            (int)counters.Regions, (int)counters.Detectors, counters.Seen, counters.Created, counters.Refreshed, counters.Reopened,
            counters.Unchanged, counters.Closed, counters.Skipped, counters.Errors, counters.GuardDutyCalls,
            _soar.Counters.Calls - soarCallsBefore, _time.GetElapsedTime(started), capReached == 1 || budget.Exhausted,
            stop.IsCancellationRequested)
        {
            FindingsByAccount = counters.FindingsByAccount,
            CheckpointSaveFailures = counters.CheckpointSaveFailures,
        };
        LastCycle = summary;
        _context.Metrics?.PollCycle(summary.Errors > 0, summary.Duration);
        var byAccount = summary.FindingsByAccount.Count == 0 ? "none"
            : string.Join(", ", summary.FindingsByAccount.Select(kv => $"{kv.Key}: {kv.Value}"));
        var note = summary.Stopped ? " (stopped early)" : summary.CapReached ? " (aws_gd_max_findings_per_cycle reached; the rest carries over)" : "";
        if (summary.CheckpointSaveFailures > 0)
        {
            // Logged as an error so a state folder that stopped taking writes cannot hide behind an "Information" summary.
            _logger.LogError(
                "Poll cycle: {Regions} region(s), {Detectors} detector(s), {Seen} finding(s) seen, {Created} created, {Refreshed} refreshed, {Reopened} reopened, {Unchanged} unchanged, {Closed} closed, {Skipped} skipped, {Errors} error(s), {GuardDutyCalls} GuardDuty call(s), {SoarCalls} SOAR call(s), {DurationMs} ms, findings per account: {Accounts}{Note}; {SaveFailures} checkpoint save(s) failed in aws_gd_state_dir {StateDir}: after a restart these findings are checked again in SOAR",
                summary.Regions, summary.Detectors, summary.Seen, summary.Created, summary.Refreshed, summary.Reopened, summary.Unchanged,
                summary.Closed, summary.Skipped, summary.Errors, summary.GuardDutyCalls, summary.SoarCalls, (long)summary.Duration.TotalMilliseconds,
                byAccount, note, summary.CheckpointSaveFailures, Store.Directory);
        }
        else
        {
            _logger.LogInformation(
                "Poll cycle: {Regions} region(s), {Detectors} detector(s), {Seen} finding(s) seen, {Created} created, {Refreshed} refreshed, {Reopened} reopened, {Unchanged} unchanged, {Closed} closed, {Skipped} skipped, {Errors} error(s), {GuardDutyCalls} GuardDuty call(s), {SoarCalls} SOAR call(s), {DurationMs} ms, findings per account: {Accounts}{Note}",
                summary.Regions, summary.Detectors, summary.Seen, summary.Created, summary.Refreshed, summary.Reopened, summary.Unchanged,
                summary.Closed, summary.Skipped, summary.Errors, summary.GuardDutyCalls, summary.SoarCalls, (long)summary.Duration.TotalMilliseconds,
                byAccount, note);
        }

        return summary;
    }
}
