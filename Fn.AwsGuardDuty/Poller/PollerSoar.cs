using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Refresh;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Patching;
using Fn.AwsGuardDuty.Soar.Queries;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// The SOAR calls of the poller, each with the fewest requests the API allows: one query per batch of findings, one
/// create per incident (artifacts and note inline) plus one call per table row, two PATCHes to flip the refresh trigger.
/// Shared by the poller and the push intake, so the incidents created and closed and the refresh triggers are counted here.
/// </summary>
public sealed class PollerSoar(SoarClient soar, PollerOptions options, TimeProvider time, ILogger logger, AppMetrics? metrics = null)
{
    public SoarClient Client => soar;

    /// <summary>
    /// The incidents of these findings in this detector and region, open or closed, in one <c>query_paged</c> (more only
    /// when SOAR holds more incidents than the page). Where a finding has several incidents (the reference could
    /// duplicate), the open one wins, then the oldest.
    /// </summary>
    public async Task<Dictionary<string, KnownIncident>> FindAsync(string region, string detectorId, IReadOnlyCollection<string> findingIds,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, KnownIncident>(StringComparer.Ordinal);
        if (findingIds.Count == 0) return found;
        var query = FindingIncidentQuery.For(region, detectorId, findingIds);
        await foreach (var json in soar.Incidents.QueryPagedAsync(query, options.SoarQueryPageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var incident = new KnownIncident(json);
            if (incident.Id <= 0 || incident.FindingId is not { } findingId) continue;
            if (!found.TryGetValue(findingId, out var other) || Better(incident, other)) found[findingId] = incident;
        }

        return found;
    }

    /// <summary>Every open incident of the detector and region, streamed (seeds the archive reconciliation once).</summary>
    public async IAsyncEnumerable<string> OpenFindingIdsAsync(string region, string detectorId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = QueryRequest.Where(
            SoarFilter.PlanStatus(IncidentPlanStatus.Active),
            SoarFilter.Equal(SoarFilter.Property(IncidentFields.DetectorId), detectorId),
            SoarFilter.Equal(SoarFilter.Property(IncidentFields.Region), region),
            SoarFilter.HasAValue(SoarFilter.Property(IncidentFields.FindingId)));
        await foreach (var json in soar.Incidents.QueryPagedAsync(query, options.SoarQueryPageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (new KnownIncident(json).FindingId is { } id) yield return id;
    }

    /// <summary>
    /// One create call (payload, artifacts and note), then the table rows. The client does not repeat the create when SOAR
    /// may have acted on it (<see cref="SoarRetryPolicy.SafeOnly"/>); after such a failure (5xx, timeout, connection lost,
    /// an unreadable answer) the incident is looked up by finding id, detector and region, and used with its tables
    /// completed when it exists, else created again after a short jittered pause, <see cref="PollerOptions.CreateAttempts"/>
    /// times at most. The last failure is thrown, and the finding waits in the retry set; no path creates a second incident.
    /// </summary>
    public async Task<CreatedIncident> CreateAsync(MappedFinding mapped, string region, string detectorId, string findingId,
        CancellationToken cancellationToken)
    {
        var payload = mapped.ToIncidentPayloadJson();
        for (var attempt = 1; ; attempt++)
        {
            long id;
            try
            {
                id = await soar.Incidents.CreateForIdAsync(payload, SoarRetryPolicy.SafeOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (SoarException e) when (MayHaveActed(e) && !cancellationToken.IsCancellationRequested)
            {
                var found = await FindAsync(region, detectorId, [findingId], cancellationToken).ConfigureAwait(false);
                if (found.GetValueOrDefault(findingId) is { } existing)
                {
                    logger.LogWarning(
                        "SOAR failed the create of finding {FindingId} (region {Region}) but had made incident {IncidentId}; using it ({Error})",
                        findingId, region, existing.Id, e.Message);
                    metrics?.IncidentCreated();
                    await RepairTablesAsync(existing.Id, mapped, cancellationToken).ConfigureAwait(false);
                    return new CreatedIncident(existing.Id, Recovered: true);
                }

                if (attempt >= options.CreateAttempts) throw;
                var delay = CreateDelay(attempt);
                logger.LogWarning(
                    "SOAR create of finding {FindingId} (region {Region}) failed and made no incident (attempt {Attempt} of {Max}); creating again in {DelayMs:0} ms: {Error}",
                    findingId, region, attempt, options.CreateAttempts, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            metrics?.IncidentCreated();
            await AddRowsAsync(id, mapped, cancellationToken).ConfigureAwait(false);
            return new CreatedIncident(id, Recovered: false);
        }
    }

    /// <summary>The rows of an incident just created (its tables empty), each looked up after a failure SOAR may have committed.</summary>
    public async Task AddRowsAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        foreach (var table in mapped.DataTables.Where(t => t.Rows.Count > 0))
            await soar.DataTables.AddRowsAsync(incidentId, table.Table, table.Rows.Select(IncidentRefresher.Cells), [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a crash between create and the last row: completes tables that do not hold the mapped rows.</summary>
    public async Task<int> RepairTablesAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        var repaired = 0;
        foreach (var table in mapped.DataTables.Where(t => t.Rows.Count > 0))
        {
            var existing = await soar.DataTables.ListRowsAsync(incidentId, table.Table, cancellationToken).ConfigureAwait(false);
            if (existing.Count == table.Rows.Count) continue;
            await soar.DataTables.ReplaceRowsAsync(incidentId, table.Table, table.Rows.Select(IncidentRefresher.Cells), cancellationToken).ConfigureAwait(false);
            repaired++;
        }

        return repaired;
    }

    /// <summary>
    /// Flips <c>aws_guardduty_trigger_refresh</c> false→true→false (as the reference does), so the automatic "Update
    /// Finding Details" playbook runs. PATCHes carry the old value rather than the version, so unrelated edits do not conflict.
    /// </summary>
    public async Task TriggerRefreshAsync(KnownIncident incident, CancellationToken cancellationToken)
    {
        var current = incident.Property(IncidentFields.TriggerRefresh);
        if (current is JValue { Type: JTokenType.Boolean } stuck && stuck.Value<bool>())
        {
            await PatchAsync(incident.Id, IncidentFields.TriggerRefresh, true, false, cancellationToken).ConfigureAwait(false);
            current = false;
        }

        await PatchAsync(incident.Id, IncidentFields.TriggerRefresh, current, true, cancellationToken).ConfigureAwait(false);
        metrics?.RefreshTriggered();
        await PatchAsync(incident.Id, IncidentFields.TriggerRefresh, true, false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>aws_gd_update_mode = direct</c>: sets the mapped fields, replaces every table's rows, adds the artifacts the
    /// incident lacks and the refresh note (what the refresh playbook does, without piling up rows), through the
    /// same <see cref="IncidentRefresher"/> as the refresh function.
    /// </summary>
    public Task<MappedFinding> UpdateDirectAsync(KnownIncident incident, FindingMapper mapper, JObject botoFinding, string region, string detectorId,
        CancellationToken cancellationToken) =>
        new IncidentRefresher(soar, mapper).RefreshAsync(incident.Id, botoFinding, region, detectorId, cancellationToken);

    /// <summary>Sets plan_status back to "A" (<c>aws_gd_closed_incident_action = reopen</c>).</summary>
    public Task ReopenAsync(KnownIncident incident, CancellationToken cancellationToken) =>
        soar.Incidents.UpdateAsync(incident.Id, new Dictionary<string, JToken?> { ["plan_status"] = "A" }, cancellationToken);

    /// <summary>
    /// Closes with the template and marks the finding archived in the same PATCH, so the archive playbook (its condition
    /// needs archived != True) does not send the finding back to GuardDuty. Throws <see cref="SoarRequiredFieldsException"/>.
    /// </summary>
    public async Task<PatchResult> CloseAsync(long incidentId, CloseTemplate template, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, JToken?>(template.Fields, StringComparer.Ordinal)
        {
            ["properties." + IncidentFields.Archived] = "True",
        };
        var result = await soar.Incidents.CloseAsync(incidentId, fields, cancellationToken).ConfigureAwait(false);
        if (result.Changed) metrics?.IncidentClosed();
        return result;
    }

    private Task<PatchResult> PatchAsync(long incidentId, string field, JToken? oldValue, JToken? newValue, CancellationToken cancellationToken) =>
        soar.Incidents.PatchAsync(incidentId, new SoarPatch([new PatchChange(field, oldValue, newValue)], Version: null), cancellationToken);

    /// <summary>
    /// Failures after which the incident may exist: SOAR answered 5xx (possibly after committing), the attempt timed
    /// out or the connection broke (possibly after sending), or a 2xx came back unreadable. A 4xx, a TLS refusal or a
    /// login failure means it was not created.
    /// </summary>
    private static bool MayHaveActed(SoarException e) => e switch
    {
        SoarHttpException http => (int)http.StatusCode >= 500,
        SoarTlsException => false,
        SoarConnectionException or SoarProtocolException => true,
        _ => false,
    };

    /// <summary>CreateRetryDelay × 2^(attempt-1), ±50 %, so parallel creates that failed together do not return together.</summary>
    private TimeSpan CreateDelay(int attempt) =>
        options.CreateRetryDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());

    private static bool Better(KnownIncident candidate, KnownIncident current) =>
        FindingIncidentQuery.Better(candidate.Id, candidate.IsOpen, current.Id, current.IsOpen);
}
