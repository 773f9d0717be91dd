using System.Threading.Channels;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Refresh;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// One cycle's work on one region and detector:
/// <list type="number">
/// <item>re-read the open incidents of the detector from SOAR (every cycle, paged);</item>
/// <item>retry, by id, the findings that failed in earlier cycles;</item>
/// <item>list findings updated since the checkpoint (minus the overlap), 50 ids a page, GetFindings per page, fetched
/// ahead while SOAR works on the current batch; one SOAR query per batch finds the existing incidents; new findings get
/// an incident, moved ones a refresh;</item>
/// <item>check the open incidents' findings and close those whose finding was archived (<see cref="ArchiveReconciler"/>).</item>
/// </list>
/// The checkpoint only moves over findings SOAR accepted (or that wait in its retry set). A finding whose updatedAt is
/// within the overlap of the pass's start may have changed while the pages were read, so it does not raise the mark
/// (it is remembered in <see cref="DetectorCheckpoint.Recent"/> instead and skipped when listed again unchanged).
/// </summary>
internal sealed class DetectorPass
{
    private readonly PollerContext _ctx;
    private readonly string _region;
    private readonly string _detectorId;
    private readonly IGuardDutyClient _client;
    private readonly DetectorCheckpoint _checkpoint;
    private readonly CycleCounters _counters;
    private readonly CycleBudget _budget;
    private readonly ILogger _logger;
    private readonly HashSet<string> _listedUnarchived = new(StringComparer.Ordinal);
    private long _lastSave;

    public DetectorPass(PollerContext ctx, string region, string detectorId, IGuardDutyClient client, DetectorCheckpoint checkpoint,
        CycleCounters counters, CycleBudget budget)
    {
        _ctx = ctx;
        _region = region;
        _detectorId = detectorId;
        _client = client;
        _checkpoint = checkpoint;
        _counters = counters;
        _budget = budget;
        _logger = ctx.Logger;
    }

    /// <summary>True when the pass stopped because the per-cycle cap ran out.</summary>
    public bool CapReached { get; private set; }

    /// <param name="stop">Soft stop: no new batch starts; the batch in progress completes and the checkpoint is saved.</param>
    /// <param name="abort">Hard stop (a kill): in-flight calls are cancelled and nothing more is saved.</param>
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        _lastSave = _ctx.Time.GetTimestamp();
        try
        {
            await SyncOpenIncidentsAsync(stop, abort).ConfigureAwait(false);
            await RetryFailedAsync(stop, abort).ConfigureAwait(false);
            await PollListingAsync(stop, abort).ConfigureAwait(false);
            await new ArchiveReconciler(_ctx, _region, _detectorId, _client, _checkpoint, _counters)
                .RunAsync(_listedUnarchived, stop, abort).ConfigureAwait(false);
        }
        catch (Exception e) when (!abort.IsCancellationRequested && !(e is OperationCanceledException && stop.IsCancellationRequested))
        {
            _counters.AddError();
            _logger.LogError("Region {Region} detector {DetectorId}: the pass stopped early: {Error}", _region, _detectorId, Describe(e));
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            // A soft stop cut a GuardDuty prefetch short; what was handled is saved below.
        }

        abort.ThrowIfCancellationRequested();
        await SaveAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Re-reads the detector's open incidents from SOAR (paged) at the start of each archive-check round, so an incident
    /// an analyst reopened, or one made outside this process, is checked for archiving too: every cycle while they fit
    /// in one round (at most <see cref="PollerOptions.ReconcileMaxPerCycle"/>), else once per ceil(N / cap) cycles, so
    /// a steady cycle over many open incidents does not page through all of them each time. When SOAR cannot be read
    /// the last known set is used.
    /// </summary>
    private async Task SyncOpenIncidentsAsync(CancellationToken stop, CancellationToken abort)
    {
        if (stop.IsCancellationRequested) return;
        if (_checkpoint.ReconcileCursor is not null)
        {
            _logger.LogDebug("Region {Region} detector {DetectorId}: archive check in the middle of a round ({Count} open incidents known); SOAR re-read when it ends",
                _region, _detectorId, _checkpoint.OpenIncidentFindings.Count);
            return;
        }

        var open = new List<string>();
        try
        {
            await foreach (var id in _ctx.Soar.OpenFindingIdsAsync(_region, _detectorId, abort).ConfigureAwait(false))
                open.Add(id);
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            _counters.AddError();
            _logger.LogError("Region {Region} detector {DetectorId}: the open incidents could not be read from SOAR; checking the {Count} known from the last cycle: {Error}",
                _region, _detectorId, _checkpoint.OpenIncidentFindings.Count, Describe(e));
            return;
        }

        var known = _checkpoint.OpenIncidentFindings;
        var added = open.Count(id => !known.Contains(id));
        known.Clear();
        known.UnionWith(open);
        if (added > 0)
            _logger.LogInformation("Region {Region} detector {DetectorId}: {Count} open incident(s) in SOAR, {Added} not known before, checked for archiving",
                _region, _detectorId, known.Count, added);
        else
            _logger.LogDebug("Region {Region} detector {DetectorId}: {Count} open incident(s) in SOAR", _region, _detectorId, known.Count);
    }

    private async Task RetryFailedAsync(CancellationToken stop, CancellationToken abort)
    {
        if (_checkpoint.Retry.Count == 0) return;
        var ids = _checkpoint.Retry.Keys.Order(StringComparer.Ordinal).ToList();
        _logger.LogInformation("Region {Region} detector {DetectorId}: retrying {Count} finding(s) that failed before", _region, _detectorId, ids.Count);
        foreach (var chunk in ids.Chunk(PollerOptions.BatchSize))
        {
            if (stop.IsCancellationRequested || _budget.Exhausted) return;
            var wire = await _client.GetFindingsJsonAsync(_detectorId, chunk, abort).ConfigureAwait(false);
            _counters.AddGuardDutyCalls();
            var findings = Read(wire);
            foreach (var gone in chunk.Except(findings.Select(f => f.Id), StringComparer.Ordinal))
            {
                _checkpoint.Retry.Remove(gone);
                _checkpoint.PendingCreates.Remove(gone);
                _logger.LogWarning("Finding {FindingId} (region {Region}, detector {DetectorId}) no longer exists in GuardDuty; retry dropped",
                    gone, _region, _detectorId);
            }

            if (!await ProcessBatchAsync(findings, listed: false, stableBefore: long.MinValue, abort).ConfigureAwait(false)) return;
        }
    }

    private async Task PollListingAsync(CancellationToken stop, CancellationToken abort)
    {
        var now = _ctx.Time.GetUtcNow();
        var overlapMs = (long)_ctx.Options.Overlap.TotalMilliseconds;
        long? since = _checkpoint.HighWater is { } mark ? mark - overlapMs
            : _ctx.Options.LookbackInterval is { } lookback ? (now - lookback).ToUnixTimeMilliseconds() : null;
        var stableBefore = now.ToUnixTimeMilliseconds() - overlapMs;
        var criteria = _ctx.Filter.Criteria(since);

        using var producerStop = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
        var channel = Channel.CreateBounded<IReadOnlyList<PolledFinding>>(new BoundedChannelOptions(_ctx.Options.Prefetch)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var producer = Task.Run(() => ProduceAsync(criteria, channel.Writer, producerStop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(abort).ConfigureAwait(false))
            {
                if (stop.IsCancellationRequested) break;
                if (!await ProcessBatchAsync(batch, listed: true, stableBefore, abort).ConfigureAwait(false)) break;
                if (_ctx.Time.GetElapsedTime(_lastSave) >= _ctx.Options.CheckpointSaveInterval) await SaveAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await producerStop.CancelAsync().ConfigureAwait(false);
            // Prefetched pages beyond where we stopped are simply not used.
            await producer.ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync(Fn.AwsGuardDuty.GuardDuty.Criteria.FindingCriteria criteria, ChannelWriter<IReadOnlyList<PolledFinding>> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            string? token = null;
            do
            {
                var page = await _client.ListFindingsPageAsync(_detectorId, criteria, FindingFilter.Sort, token, PollerOptions.BatchSize, cancellationToken)
                    .ConfigureAwait(false);
                _counters.AddGuardDutyCalls();
                token = page.NextToken;
                if (page.Items.Count == 0) continue;
                var wire = await _client.GetFindingsJsonAsync(_detectorId, page.Items, cancellationToken).ConfigureAwait(false);
                _counters.AddGuardDutyCalls();
                await writer.WriteAsync(Read(wire), cancellationToken).ConfigureAwait(false);
            }
            while (token is not null);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // The consumer sees the fault when it reads past the last good batch; a cancellation is just the end.
            writer.TryComplete(e is OperationCanceledException && cancellationToken.IsCancellationRequested ? null : e);
        }
    }

    /// <summary>Handles one batch in updatedAt order. False when the pass must not go on (cap reached, retry set full).</summary>
    private async Task<bool> ProcessBatchAsync(IReadOnlyList<PolledFinding> batch, bool listed, long stableBefore, CancellationToken abort)
    {
        if (_checkpoint.Retry.Count >= _ctx.Options.MaxRetryIds && listed)
        {
            _logger.LogError("Region {Region} detector {DetectorId}: {Count} findings are waiting for a retry; not taking new ones until they clear",
                _region, _detectorId, _checkpoint.Retry.Count);
            return false;
        }

        var work = new List<PolledFinding>();
        long? mark = null;
        var goOn = true;
        foreach (var finding in batch)
        {
            _checkpoint.AccountId ??= finding.AccountId;
            _counters.AddAccount(finding.AccountId);
            if (!finding.Archived) _listedUnarchived.Add(finding.Id);
            if (listed && _checkpoint.IsDone(finding.Id, finding.UpdatedAt))
            {
                _counters.AddSeen();
                _ctx.Metrics?.FindingSeen(_region);
                _counters.AddUnchanged();
            }
            else if (_ctx.Filter.Rejects(finding) is { } why)
            {
                _counters.AddSeen();
                _ctx.Metrics?.FindingSeen(_region);
                _counters.AddSkipped();
                _checkpoint.Retry.Remove(finding.Id);
                _checkpoint.PendingCreates.Remove(finding.Id);
                _logger.LogDebug("Finding {FindingId} skipped: {Reason}", finding.Id, why);
            }
            else if (_budget.TryTake())
            {
                _counters.AddSeen();
                _ctx.Metrics?.FindingSeen(_region);
                work.Add(finding);
            }
            else
            {
                CapReached = true;
                goOn = false;
                break;
            }

            if (finding.UpdatedAt < stableBefore && (mark is null || finding.UpdatedAt > mark)) mark = finding.UpdatedAt;
        }

        if (work.Count > 0) await HandleAsync(work, abort).ConfigureAwait(false);
        if (listed && mark is { } candidate) _checkpoint.Advance(candidate, _ctx.Options.Overlap);
        return goOn;
    }

    private async Task HandleAsync(List<PolledFinding> work, CancellationToken abort)
    {
        if (_ctx.Backstop is { } backstop)
        {
            // Push mode: every escalation goes through the queue's one serialised stream; what could not be queued is retried.
            var unsent = (await backstop.SendAsync(work, _region, abort).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            foreach (var finding in work)
                Apply(unsent.Contains(finding.Id)
                    ? new FindingOutcome(finding, FindingOutcomeKind.Failed, null, Error: "not queued")
                    : new FindingOutcome(finding, FindingOutcomeKind.Queued, null));
            _logger.LogInformation("Region {Region} detector {DetectorId}: {Queued} finding(s) sent into the push queue, {Unsent} to retry",
                _region, _detectorId, work.Count - unsent.Count, unsent.Count);
            return;
        }

        var known = await _ctx.Soar.FindAsync(_region, _detectorId, work.Select(f => f.Id).ToList(), abort).ConfigureAwait(false);
        var creates = work.Where(f => !known.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        if (creates.Count > 0)
        {
            // Durable before the first create: after a crash these incidents may exist without all their table rows.
            foreach (var id in creates) _checkpoint.PendingCreates.Add(id);
            await SaveAsync().ConfigureAwait(false);
        }

        var outcomes = new FindingOutcome[work.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _ctx.Options.IncidentConcurrency, CancellationToken = abort },
            async (i, ct) => outcomes[i] = await HandleOneAsync(work[i], known.GetValueOrDefault(work[i].Id), ct).ConfigureAwait(false))
            .ConfigureAwait(false);

        await LinkSequencesAsync(outcomes, abort).ConfigureAwait(false);
        foreach (var outcome in outcomes) Apply(outcome);
    }

    /// <summary>
    /// Links the attack sequences this batch created or updated directly (extensions.md §A). It runs after every create
    /// of the batch, so a member finding escalated in the same batch (or earlier) is found; one SOAR query (the batch
    /// lookup) answers for every member of every sequence in the batch. A member escalated later is linked when the
    /// sequence is next updated or refreshed. A failure here leaves the sequence's incident as it is and is logged; it
    /// does not send the sequence back for a retry (its incident is up to date), its next update links it.
    /// </summary>
    private async Task LinkSequencesAsync(FindingOutcome[] outcomes, CancellationToken abort)
    {
        var sequences = outcomes.Select(o => o.Sequence).OfType<SequenceToLink>()
            .Select(s => (Sequence: s, Ids: SequenceLinking.FindingIds(s.Mapped))).Where(s => s.Ids.Count > 0).ToList();
        if (sequences.Count == 0) return;
        var linking = new SequenceLinking(_ctx.Soar.Client);
        try
        {
            var members = sequences.SelectMany(s => s.Ids).Distinct(StringComparer.Ordinal).ToList();
            var known = await _ctx.Soar.FindAsync(_region, _detectorId, members, abort).ConfigureAwait(false);
            var incidents = known.ToDictionary(k => k.Key, k => k.Value.Id, StringComparer.Ordinal);
            foreach (var (sequence, _) in sequences)
            {
                var (linked, notes) = await linking.LinkAsync(sequence.IncidentId, sequence.Mapped, incidents, abort).ConfigureAwait(false);
                if (linked == 0) continue;
                _logger.LogInformation(
                    "Attack sequence incident {IncidentId} (region {Region}): {Linked} member finding(s) linked to their incidents, {Notes} new link note(s)",
                    sequence.IncidentId, _region, linked, notes);
            }
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            _counters.AddError();
            _logger.LogError("Region {Region} detector {DetectorId}: attack sequences could not be linked to their member findings' incidents; linked at their next update: {Error}",
                _region, _detectorId, Describe(e));
        }
    }

    private async Task<FindingOutcome> HandleOneAsync(PolledFinding finding, KnownIncident? incident, CancellationToken abort)
    {
        var create = incident is null;
        try
        {
            var boto = finding.ToBoto();
            if (incident is null)
            {
                var mapped = _ctx.Mapper.Map(boto, _region, _detectorId);
                var created = await _ctx.Soar.CreateAsync(mapped, _region, _detectorId, finding.Id, abort).ConfigureAwait(false);
                _counters.AddCreated();
                _logger.LogInformation("GuardDuty finding {FindingId} of type {Type} in region {Region} escalated to SOAR incident {IncidentId}{Note}",
                    finding.Id, finding.Type, _region, created.Id, created.Recovered ? " (found after a failed create)" : "");
                return new FindingOutcome(finding, FindingOutcomeKind.Created, IncidentOpen: true, CreateAttempted: true,
                    Sequence: new SequenceToLink(created.Id, mapped));
            }

            if (_checkpoint.PendingCreates.Contains(finding.Id))
            {
                var repaired = await _ctx.Soar.RepairTablesAsync(incident.Id, _ctx.Mapper.Map(boto, _region, _detectorId), abort).ConfigureAwait(false);
                if (repaired > 0)
                    _logger.LogWarning("SOAR incident {IncidentId} of finding {FindingId} was missing rows in {Tables} table(s) after an interrupted create; completed",
                        incident.Id, finding.Id, repaired);
            }

            if (incident.IsUpToDateWith(finding))
            {
                _counters.AddUnchanged();
                return new FindingOutcome(finding, FindingOutcomeKind.Unchanged, incident.IsOpen);
            }

            if (!incident.IsOpen)
            {
                if (_ctx.Options.ClosedIncidentAction == Configuration.ClosedIncidentAction.Leave)
                {
                    _counters.AddSkipped();
                    _logger.LogInformation(
                        "GuardDuty finding {FindingId} (region {Region}) was updated but its SOAR incident {IncidentId} is closed; left closed (aws_gd_closed_incident_action = leave)",
                        finding.Id, _region, incident.Id);
                    return new FindingOutcome(finding, FindingOutcomeKind.LeftClosed, IncidentOpen: false);
                }

                await _ctx.Soar.ReopenAsync(incident, abort).ConfigureAwait(false);
                var reopened = await RefreshAsync(incident, finding, boto, abort).ConfigureAwait(false);
                _counters.AddReopened();
                _logger.LogInformation("GuardDuty finding {FindingId} (region {Region}) was updated; its closed SOAR incident {IncidentId} was reopened and refreshed",
                    finding.Id, _region, incident.Id);
                return new FindingOutcome(finding, FindingOutcomeKind.Reopened, IncidentOpen: true, Sequence: reopened);
            }

            var refreshed = await RefreshAsync(incident, finding, boto, abort).ConfigureAwait(false);
            _counters.AddRefreshed();
            _logger.LogInformation("GuardDuty finding {FindingId} (region {Region}) was updated at {UpdatedAt}; SOAR incident {IncidentId} refreshed ({Mode})",
                finding.Id, _region, finding.UpdatedAtText, incident.Id, _ctx.Options.UpdateMode);
            return new FindingOutcome(finding, FindingOutcomeKind.Refreshed, IncidentOpen: true, Sequence: refreshed);
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            _counters.AddError();
            var invalid = e is InvalidFindingException;
            _logger.LogError("GuardDuty finding {FindingId} (region {Region}, detector {DetectorId}) could not be {Action}; it will be retried: {Error}",
                finding.Id, _region, _detectorId, create ? "escalated" : "brought up to date", Describe(e));
            return new FindingOutcome(finding, FindingOutcomeKind.Failed, null, CreateAttempted: create, Invalid: invalid, Error: Describe(e));
        }
    }

    /// <summary>
    /// Direct mode: the refreshed sequence, linked after the batch. Trigger mode: null, the refresh function the playbook
    /// runs links it (the poller linking too would race that function's table replacement).
    /// </summary>
    private async Task<SequenceToLink?> RefreshAsync(KnownIncident incident, PolledFinding finding, Newtonsoft.Json.Linq.JObject boto, CancellationToken abort)
    {
        if (_ctx.Options.UpdateMode != Configuration.UpdateMode.Direct)
        {
            await _ctx.Soar.TriggerRefreshAsync(incident, abort).ConfigureAwait(false);
            return null;
        }

        var mapped = await _ctx.Soar.UpdateDirectAsync(incident, _ctx.Mapper, boto, _region, _detectorId, abort).ConfigureAwait(false);
        return new SequenceToLink(incident.Id, mapped);
    }

    private void Apply(FindingOutcome outcome)
    {
        var id = outcome.Finding.Id;
        if (outcome.Kind == FindingOutcomeKind.Failed)
        {
            var attempts = (_checkpoint.Retry.GetValueOrDefault(id)?.Attempts ?? 0) + 1;
            if (outcome.Invalid && attempts >= _ctx.Options.MaxAttemptsForInvalidFinding)
            {
                _checkpoint.Retry.Remove(id);
                _checkpoint.Recent[id] = outcome.Finding.UpdatedAt;
                _logger.LogError("GuardDuty finding {FindingId} (region {Region}) cannot be mapped to an incident; given up after {Attempts} attempts",
                    id, _region, attempts);
                return;
            }

            _checkpoint.Retry[id] = new RetryEntry(attempts, outcome.Invalid, outcome.Error);
            // A create that failed may still have reached SOAR: keep it pending so its tables are checked when retried.
            if (!outcome.CreateAttempted) _checkpoint.PendingCreates.Remove(id);
            return;
        }

        _checkpoint.Retry.Remove(id);
        _checkpoint.PendingCreates.Remove(id);
        _checkpoint.Recent[id] = outcome.Finding.UpdatedAt;
        if (outcome.IncidentOpen == true) _checkpoint.OpenIncidentFindings.Add(id);
        else if (outcome.IncidentOpen == false) _checkpoint.OpenIncidentFindings.Remove(id);
    }

    internal static List<PolledFinding> Read(IReadOnlyList<string> wire) =>
        wire.Select(PolledFinding.FromJson).OfType<PolledFinding>()
            .OrderBy(f => f.UpdatedAt).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    private async Task SaveAsync()
    {
        try
        {
            await _ctx.Store.SaveAsync(_checkpoint).ConfigureAwait(false);
            _lastSave = _ctx.Time.GetTimestamp();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not fatal: SOAR is the ground truth and the per-batch query prevents duplicates; the next save retries.
            _counters.AddError();
            _counters.AddCheckpointSaveFailure();
            _logger.LogError("Checkpoint of region {Region} detector {DetectorId} could not be saved in {Directory}: {Error}",
                _region, _detectorId, _ctx.Store.Directory, e.Message);
        }
    }

    internal static string Describe(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Describe(a.InnerExceptions[0]) : $"{e.GetType().Name}: {e.Message}";
}
