using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Refresh;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Queries;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// The push intake's escalation (extensions.md §B), over the poller's SOAR calls (<see cref="PollerSoar"/>) and its
/// filters, mapper, update mode, closed-incident action and close template, so a pushed finding ends as a polled one
/// would: a new incident, the refresh trigger when it moved, the incident closed when it was archived. Every step
/// looks SOAR up first, so the same event again (redelivery, the backstop, a crash before the delete) makes no second
/// incident. <see cref="PushOutcome.Done"/> only once SOAR accepted what was asked, or nothing needed asking.
/// </summary>
public sealed class PushEscalationHandler : IPushHandler
{
    private readonly SoarClient _soarClient;
    private readonly PollerSoar _soar;
    private readonly FindingMapper _mapper;
    private readonly PollerOptions _options;
    private readonly RegionFilter? _regions;
    private readonly FindingFilter _filter;
    private readonly CloseTemplate _closeTemplate;
    private readonly PushDetectorResolver? _detectors;
    private readonly ILogger _logger;
    private readonly AppMetrics? _metrics;

    /// <param name="regions"><c>aws_gd_regions</c>: findings of other regions are dropped; null means all.</param>
    /// <param name="detectors">The detector a member account's finding is escalated under (the administrator's); null: the finding's own.</param>
    /// <param name="metrics">Where incidents created and closed and refresh triggers are counted; none when null.</param>
    public PushEscalationHandler(SoarClient soar, FindingMapper mapper, PollerOptions options, RegionFilter? regions, TimeProvider time,
        ILogger<PushEscalationHandler> logger, PushDetectorResolver? detectors = null, AppMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(soar);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(options);
        _soarClient = soar;
        _soar = new PollerSoar(soar, options, time ?? TimeProvider.System, logger, metrics);
        _metrics = metrics;
        _mapper = mapper;
        _options = options;
        _regions = regions;
        _filter = new FindingFilter(options.SeverityThreshold, options.FindingTypes, options.ExcludeFindingTypes, options.Accounts,
            options.ExcludeAccounts, logger);
        _closeTemplate = CloseTemplate.Load(options.CloseIncidentTemplatePath);
        _detectors = detectors;
        _logger = logger;
    }

    public async Task<PushOutcome> HandleFindingAsync(PushFinding push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        var finding = push.Finding;
        var region = push.Region;
        if (finding.DetectorId is not { } findingDetector)
        {
            // Not something SOAR can ever take: left for the redrive policy, as an unreadable message is.
            _logger.LogError("Push: finding {FindingId} (event {EventId}) names no service.detectorId; left for the queue's redrive policy",
                finding.Id, push.Event.Id);
            return PushOutcome.Retry;
        }

        try
        {
            var detectorId = _detectors is null
                ? findingDetector
                : await _detectors.ResolveAsync(finding, region, findingDetector, cancellationToken).ConfigureAwait(false);
            if (finding.Archived) return await CloseAsync(finding, region, detectorId, cancellationToken).ConfigureAwait(false);
            if (Rejects(finding, region) is { } why)
            {
                _logger.LogDebug("Push: finding {FindingId} skipped: {Reason}", finding.Id, why);
                return PushOutcome.Done;
            }

            var known = await _soar.FindAsync(region, detectorId, [finding.Id], cancellationToken).ConfigureAwait(false);
            if (known.GetValueOrDefault(finding.Id) is not { } incident)
                return await CreateAsync(finding, region, detectorId, cancellationToken).ConfigureAwait(false);
            if (push.ReceiveCount > 1)
                await RepairAsync(finding, region, detectorId, incident, cancellationToken).ConfigureAwait(false);
            return await UpdateAsync(finding, region, detectorId, incident, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Push: GuardDuty finding {FindingId} (region {Region}, event {EventId}) could not be escalated; the message comes back: {Error}",
                finding.Id, region, push.Event.Id, DetectorPass.Describe(e));
            return PushOutcome.Retry;
        }
    }

    public async Task<PushOutcome> HandleMalwareAsync(PushMalware malware, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(malware);
        var incident = malware.Incident;
        try
        {
            var query = QueryRequest.Where(SoarFilter.Equal(SoarFilter.Property(IncidentFields.FindingId), incident.FindingId));
            await foreach (var existing in _soarClient.Incidents.QueryPagedAsync(query, _options.SoarQueryPageSize, cancellationToken: cancellationToken)
                .ConfigureAwait(false))
            {
                _logger.LogInformation("Push: malware scan result {ScanId} for s3://{Bucket}/{Key} is already SOAR incident {IncidentId}",
                    incident.FindingId, incident.Bucket, incident.Key, new KnownIncident(existing).Id);
                return PushOutcome.Done;
            }

            // No retry of the create here: if SOAR made the incident but the answer was lost, the message comes back and
            // the lookup above finds it.
            var created = await _soarClient.Incidents.CreateForIdAsync(incident.ToIncidentPayloadJson(), SoarRetryPolicy.SafeOnly, cancellationToken)
                .ConfigureAwait(false);
            _metrics?.IncidentCreated();
            _logger.LogInformation("Push: malware found in s3://{Bucket}/{Key} ({Threats}) escalated to SOAR incident {IncidentId}",
                incident.Bucket, incident.Key, string.Join(", ", incident.ThreatNames), created);
            return PushOutcome.Done;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Push: malware scan result {ScanId} (event {EventId}) could not be escalated; the message comes back: {Error}",
                incident.FindingId, malware.Event.Id, DetectorPass.Describe(e));
            return PushOutcome.Retry;
        }
    }

    private string? Rejects(PolledFinding finding, string region)
    {
        if (_regions is not null && !_regions.Matches(region)) return $"region {region} is not in aws_gd_regions";
        return _filter.Rejects(finding);
    }

    private async Task<PushOutcome> CreateAsync(PolledFinding finding, string region, string detectorId, CancellationToken cancellationToken)
    {
        var mapped = _mapper.Map(finding.ToBoto(), region, detectorId);
        var created = await _soar.CreateAsync(mapped, region, detectorId, finding.Id, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Push: GuardDuty finding {FindingId} of type {Type} in region {Region} escalated to SOAR incident {IncidentId}{Note}",
            finding.Id, finding.Type, region, created.Id, created.Recovered ? " (found after a failed create)" : "");
        await LinkSequenceAsync(created.Id, mapped, region, detectorId, cancellationToken).ConfigureAwait(false);
        return PushOutcome.Done;
    }

    /// <summary>
    /// A message delivered again may come from an instance that died between the create and its table rows (the
    /// poller's checkpoint remembers such creates; the queue's receive count is push mode's memory of them).
    /// </summary>
    private async Task RepairAsync(PolledFinding finding, string region, string detectorId, KnownIncident incident, CancellationToken cancellationToken)
    {
        var repaired = await _soar.RepairTablesAsync(incident.Id, _mapper.Map(finding.ToBoto(), region, detectorId), cancellationToken).ConfigureAwait(false);
        if (repaired > 0)
            _logger.LogWarning("Push: SOAR incident {IncidentId} of finding {FindingId} was missing rows in {Tables} table(s) after an interrupted create; completed",
                incident.Id, finding.Id, repaired);
    }

    private async Task<PushOutcome> UpdateAsync(PolledFinding finding, string region, string detectorId, KnownIncident incident,
        CancellationToken cancellationToken)
    {
        if (incident.IsUpToDateWith(finding))
        {
            _logger.LogDebug("Push: finding {FindingId} unchanged since SOAR incident {IncidentId}", finding.Id, incident.Id);
            return PushOutcome.Done;
        }

        if (!incident.IsOpen)
        {
            if (_options.ClosedIncidentAction == ClosedIncidentAction.Leave)
            {
                _logger.LogInformation(
                    "Push: GuardDuty finding {FindingId} (region {Region}) was updated but its SOAR incident {IncidentId} is closed; left closed (aws_gd_closed_incident_action = leave)",
                    finding.Id, region, incident.Id);
                return PushOutcome.Done;
            }

            await _soar.ReopenAsync(incident, cancellationToken).ConfigureAwait(false);
        }

        if (_options.UpdateMode == UpdateMode.Direct)
        {
            var mapped = await _soar.UpdateDirectAsync(incident, _mapper, finding.ToBoto(), region, detectorId, cancellationToken).ConfigureAwait(false);
            await LinkSequenceAsync(incident.Id, mapped, region, detectorId, cancellationToken).ConfigureAwait(false);
        }
        else
            await _soar.TriggerRefreshAsync(incident, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Push: GuardDuty finding {FindingId} (region {Region}) was updated at {UpdatedAt}; SOAR incident {IncidentId} {Action} ({Mode})",
            finding.Id, region, finding.UpdatedAtText, incident.Id, incident.IsOpen ? "refreshed" : "reopened and refreshed", _options.UpdateMode);
        return PushOutcome.Done;
    }

    /// <summary>
    /// An attack sequence's signal rows name their member findings' incidents, and each member incident gets its one
    /// note, as the poller does after a batch (extensions.md §A). A member whose event comes later is linked at the
    /// sequence's next update or refresh. In trigger mode the refresh function links on update.
    /// </summary>
    private async Task LinkSequenceAsync(long incidentId, MappedFinding mapped, string region, string detectorId, CancellationToken cancellationToken)
    {
        var members = SequenceLinking.FindingIds(mapped);
        if (members.Count == 0) return;
        var known = await _soar.FindAsync(region, detectorId, members, cancellationToken).ConfigureAwait(false);
        var (linked, notes) = await new SequenceLinking(_soarClient)
            .LinkAsync(incidentId, mapped, known.ToDictionary(k => k.Key, k => k.Value.Id, StringComparer.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        if (linked > 0)
            _logger.LogInformation("Push: attack sequence incident {IncidentId}: {Linked} member finding(s) linked to their incidents, {Notes} new link note(s)",
                incidentId, linked, notes);
    }

    /// <summary>An archived finding closes its open incident; with no incident, or a closed one, there is nothing to do (never a create, never a reopen).</summary>
    private async Task<PushOutcome> CloseAsync(PolledFinding finding, string region, string detectorId, CancellationToken cancellationToken)
    {
        var known = await _soar.FindAsync(region, detectorId, [finding.Id], cancellationToken).ConfigureAwait(false);
        if (known.GetValueOrDefault(finding.Id) is not { IsOpen: true } incident)
        {
            _logger.LogDebug("Push: archived finding {FindingId} has no open SOAR incident; nothing to close", finding.Id);
            return PushOutcome.Done;
        }

        await _soar.CloseAsync(incident.Id, _closeTemplate, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Push: closed SOAR incident {IncidentId} because GuardDuty finding {FindingId} (region {Region}) was archived",
            incident.Id, finding.Id, region);
        return PushOutcome.Done;
    }
}
