using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Closes open incidents whose finding was archived, without listing every finding: the open incidents' finding ids
/// (re-read from SOAR at the start of each round) are looked up with GetFindings, 50 at a time, at most
/// <see cref="PollerOptions.ReconcileMaxPerCycle"/> per cycle, going on after the last one checked (see <see cref="ArchiveCheckRound"/>). Archived ones are checked in SOAR with one query per 50;
/// an incident already closed (an analyst closed it and the archive playbook archived the finding) is only forgotten,
/// never reopened. A close SOAR refuses for required fields is reported once per close template.
/// </summary>
internal sealed class ArchiveReconciler(PollerContext ctx, string region, string detectorId, IGuardDutyClient client,
    DetectorCheckpoint checkpoint, CycleCounters counters)
{
    private readonly PollerContext _ctx = ctx;
    private readonly string _region = region;
    private readonly string _detectorId = detectorId;
    private readonly IGuardDutyClient _client = client;
    private readonly DetectorCheckpoint _checkpoint = checkpoint;
    private readonly CycleCounters _counters = counters;
    private readonly ILogger _logger = ctx.Logger;

    public async Task RunAsync(IReadOnlySet<string> listedUnarchived, CancellationToken stop, CancellationToken abort)
    {
        var open = _checkpoint.OpenIncidentFindings;
        if (open.Count == 0)
        {
            _checkpoint.ReconcileCursor = null;
            return;
        }

        var limit = _ctx.Options.ReconcileMaxPerCycle;
        var everything = limit == 0 || limit >= open.Count;
        var round = ArchiveCheckRound.Next(open, everything ? null : _checkpoint.ReconcileCursor, everything ? 0 : limit);
        // A round that reached the last open incident ends; the next cycle re-reads the open set from SOAR and starts over.
        var roundEnds = everything || round.Contains(open.Max!, StringComparer.Ordinal);
        // Findings this pass just read as unarchived need no second look.
        var ids = round.Where(id => !listedUnarchived.Contains(id)).ToList();
        var archived = new List<string>();
        foreach (var chunk in ids.Chunk(PollerOptions.BatchSize))
        {
            if (stop.IsCancellationRequested) break;
            var wire = await _client.GetFindingsJsonAsync(_detectorId, chunk, abort).ConfigureAwait(false);
            _counters.AddGuardDutyCalls();
            var findings = DetectorPass.Read(wire).ToDictionary(f => f.Id, StringComparer.Ordinal);
            foreach (var id in chunk)
            {
                if (!findings.TryGetValue(id, out var finding))
                {
                    open.Remove(id);
                    _logger.LogWarning("Finding {FindingId} (region {Region}, detector {DetectorId}) of an open SOAR incident no longer exists in GuardDuty; no longer checked for archiving",
                        id, _region, _detectorId);
                }
                else if (finding.Archived)
                {
                    archived.Add(id);
                }
            }

            if (archived.Count >= PollerOptions.BatchSize)
            {
                await CloseArchivedAsync(archived, abort).ConfigureAwait(false);
                archived.Clear();
            }
        }

        if (archived.Count > 0) await CloseArchivedAsync(archived, abort).ConfigureAwait(false);
        if (!stop.IsCancellationRequested) _checkpoint.ReconcileCursor = roundEnds ? null : round[^1];
    }

    private async Task CloseArchivedAsync(List<string> findingIds, CancellationToken abort)
    {
        var known = await _ctx.Soar.FindAsync(_region, _detectorId, findingIds, abort).ConfigureAwait(false);
        var template = _ctx.CloseTemplate;
        var toClose = new List<(string FindingId, KnownIncident Incident)>();
        foreach (var id in findingIds)
        {
            if (!known.TryGetValue(id, out var incident) || !incident.IsOpen)
            {
                // Closed already (by an analyst, whose playbook then archived the finding): nothing to do, and no reopen.
                _checkpoint.OpenIncidentFindings.Remove(id);
                _checkpoint.CloseRefused.Remove(id);
                continue;
            }

            if (_checkpoint.CloseRefused.TryGetValue(id, out var refused) && refused == template.Fingerprint)
            {
                _logger.LogDebug("SOAR incident {IncidentId} of archived finding {FindingId} stays open: SOAR refused the close template before", incident.Id, id);
                continue;
            }

            toClose.Add((id, incident));
        }

        var results = new (string FindingId, bool Closed, string? Refused)[toClose.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, toClose.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _ctx.Options.IncidentConcurrency, CancellationToken = abort },
            async (i, ct) =>
            {
                var (findingId, incident) = toClose[i];
                try
                {
                    await _ctx.Soar.CloseAsync(incident.Id, template, ct).ConfigureAwait(false);
                    _counters.AddClosed();
                    _logger.LogInformation("Closed SOAR incident {IncidentId} because GuardDuty finding {FindingId} (region {Region}) was archived",
                        incident.Id, findingId, _region);
                    results[i] = (findingId, true, null);
                }
                catch (SoarRequiredFieldsException e)
                {
                    _counters.AddError();
                    _logger.LogError(
                        "SOAR incident {IncidentId} of archived finding {FindingId} cannot be closed with the close template ({Template}): {Error}. It stays open; this is reported once - set aws_gd_close_incident_template to a template with these fields",
                        incident.Id, findingId, template.Source, e.Message);
                    results[i] = (findingId, false, template.Fingerprint);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    _counters.AddError();
                    _logger.LogError("Closing SOAR incident {IncidentId} of archived finding {FindingId} failed; retried next cycle: {Error}",
                        incident.Id, findingId, DetectorPass.Describe(e));
                    results[i] = (findingId, false, null);
                }
            }).ConfigureAwait(false);

        foreach (var (findingId, closed, refused) in results)
        {
            if (closed)
            {
                _checkpoint.OpenIncidentFindings.Remove(findingId);
                _checkpoint.CloseRefused.Remove(findingId);
            }
            else if (refused is not null)
            {
                _checkpoint.CloseRefused[findingId] = refused;
            }
        }
    }
}
