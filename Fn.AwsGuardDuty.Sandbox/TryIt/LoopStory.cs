using System.Globalization;
using Spectre.Console;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.State;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The steps that show the whole loop, each with a bounded wait and a checked result: findings become incidents; a
/// finding changed in GuardDuty refreshes its incident; a finding archived in GuardDuty closes its incident; an
/// incident closed in SOAR archives its finding, with no ping-pong afterwards. A step that does not come true throws
/// <see cref="TryItException"/> saying what was expected and what was seen.
/// </summary>
public sealed class LoopStory(TryItSession session, TryItConsole ui)
{
    private const string ArchivedField = "aws_guardduty_archived";
    private const string CountField = "aws_guardduty_count";

    private TimeSpan Timeout => session.Options.StepTimeout;

    private SoarOrgState Org => session.Servers.Soar.State.Org(SandboxServers.OrgId);

    /// <summary>Waits until every seeded finding has exactly one incident.</summary>
    public async Task IncidentsAsync(CancellationToken cancellationToken)
    {
        var seeded = session.Seeded.Count;
        await ui.ProgressAsync(session.Options.Push ? "Incidents created in SOAR from the push queue" : "Incidents created in SOAR by the poller", seeded, () => (int)session.Activity.Created, Timeout,
            $"the poller created an incident for each of the {seeded} findings",
            () => $"{session.Activity.Created} incident(s) so far after {session.App.PollCycles} poll cycle(s); see {session.Layout.LogFile}",
            cancellationToken).ConfigureAwait(false);
        await Eventually.WaitAsync(() => session.FindingsWithOneIncident() == seeded, TimeSpan.FromSeconds(5),
            "each finding has exactly one incident",
            () => $"{session.FindingsWithOneIncident()} of {seeded} findings have exactly one incident, {Org.IncidentCount} incident(s) in all",
            cancellationToken).ConfigureAwait(false);
        if (Org.IncidentCount != seeded)
            throw new TryItException($"expected {seeded} incidents, one per finding, but SOAR holds {Org.IncidentCount}");
        if (session.Options.Push) ui.Line(Markup.Escape(PushLatency()), always: true);
    }

    /// <summary>Seconds from each finding's first event into the push queue to its incident's creation in SOAR.</summary>
    private string PushLatency()
    {
        var seconds = session.Seeded
            .Select(f => (Published: session.Push!.Feed.FirstPublished(f.Id), Incident: session.IncidentsOf(f).FirstOrDefault()))
            .Where(x => x.Published is not null && x.Incident is not null)
            .Select(x => (DateTimeOffset.FromUnixTimeMilliseconds(x.Incident!.CreateDate) - x.Published!.Value).TotalSeconds)
            .Order()
            .ToList();
        if (seconds.Count == 0) return "Push: no finding event was timed";
        double At(double q) => seconds[Math.Min(seconds.Count - 1, (int)Math.Ceiling(q * seconds.Count) - 1)];
        return $"Push: finding event to incident in {At(0.5):0.00} s (p50), {At(0.95):0.00} s (p95), {seconds[^1]:0.00} s (max) over {seconds.Count} findings";
    }

    /// <summary>Changes findings in GuardDuty as a recurring activity does; waits until the playbook refreshed each incident.</summary>
    public async Task RefreshAsync(IReadOnlyList<SeededFinding> findings, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            var incident = OnlyIncident(finding);
            var refreshesBefore = Runs(incident.Id, SoarGuardDutyCustomization.RefreshFunction).Count;
            var oldCount = Number(incident.Properties.GetValueOrDefault(CountField));
            await ui.StepAsync($"Update finding {finding.Id} ({finding.Region}) in GuardDuty; wait until incident {incident.Id} is refreshed", async () =>
            {
                var updated = session.Servers.GuardDuty.State.UpdateFinding(finding.Detector, finding.Id, f => f["severity"] = Math.Max(f.Value<double>("severity"), 7.5));
                var newCount = (double)updated.SelectToken("service.count")!;
                await Eventually.WaitAsync(() => Runs(incident.Id, SoarGuardDutyCustomization.RefreshFunction).Count > refreshesBefore,
                    Timeout, $"the poller flipped aws_guardduty_trigger_refresh on incident {incident.Id} and the Update Finding Details playbook ran",
                    () => $"refresh triggers so far: {session.Activity.RefreshTriggers}, poll cycles: {session.App.PollCycles}", cancellationToken).ConfigureAwait(false);
                var run = Runs(incident.Id, SoarGuardDutyCustomization.RefreshFunction)[^1];
                if (run.Outcome != SoarPlaybookOutcome.Succeeded)
                    throw new TryItException($"the refresh playbook on incident {incident.Id} ended {run.Outcome}: {run.Detail}");
                var now = Org.GetIncident(incident.Id)!;
                if (Number(now.Properties.GetValueOrDefault(CountField)) != newCount)
                    throw new TryItException($"incident {incident.Id} was refreshed but its {CountField} is {now.Properties.GetValueOrDefault(CountField)}, not {newCount}");
                if (now.Properties.GetValueOrDefault("aws_guardduty_trigger_refresh") is true)
                    throw new TryItException($"incident {incident.Id} was refreshed but its refresh trigger is still set");
                return string.Create(CultureInfo.InvariantCulture,
                    $"{CountField} {oldCount} → {newCount}, severity {now.SeverityCode}, refresh took {run.Latency.TotalMilliseconds:0.0} ms");
            }).ConfigureAwait(false);
        }
    }

    /// <summary>Archives findings in GuardDuty (as in the console); waits until the poller closed each incident, with no archive call back.</summary>
    public async Task ArchiveInGuardDutyAsync(IReadOnlyList<SeededFinding> findings, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            var incident = OnlyIncident(finding);
            await ui.StepAsync($"Archive finding {finding.Id} ({finding.Region}) in GuardDuty; wait until incident {incident.Id} closes", async () =>
            {
                session.Servers.GuardDuty.State.SetArchived(finding.Detector, finding.Id, archived: true);
                await Eventually.WaitAsync(() => Org.GetIncident(incident.Id)!.IsClosed, Timeout,
                    $"the poller closed incident {incident.Id} of the archived finding",
                    () => $"it is still open after {session.App.PollCycles} poll cycle(s)", cancellationToken).ConfigureAwait(false);
                await session.Runner.WaitForIdleAsync(cancellationToken).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
                var closed = Org.GetIncident(incident.Id)!;
                if (Text(closed.Properties.GetValueOrDefault(ArchivedField)) != "True")
                    throw new TryItException($"incident {incident.Id} was closed but {ArchivedField} is {closed.Properties.GetValueOrDefault(ArchivedField) ?? "empty"}, not True");
                if (Runs(incident.Id, SoarGuardDutyCustomization.ArchiveFunction).Count != 0)
                    throw new TryItException($"closing incident {incident.Id} for an archived finding made the archive playbook call GuardDuty again");
                return $"closed by the poller ({closed.ResolutionId}), {ArchivedField} = True, no archive call back";
            }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes incidents in SOAR as an analyst; waits until the playbook archived each finding. With
    /// <paramref name="checkPingPong"/>, then watches two more poll cycles: the incidents stay closed, no new incident appears.
    /// </summary>
    public async Task CloseInSoarAsync(IReadOnlyList<SeededFinding> findings, bool checkPingPong, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            var incident = OnlyIncident(finding);
            await ui.StepAsync($"Close incident {incident.Id} in SOAR as an analyst; wait until finding {finding.Id} ({finding.Region}) is archived", async () =>
            {
                await session.Analyst.CloseIncidentAsync(incident.Id, "Not an Issue", "Closed from the try-it sandbox: expected activity.", cancellationToken)
                    .ConfigureAwait(false);
                session.AnalystCloses++;
                await Eventually.WaitAsync(() => session.IsArchivedInGuardDuty(finding) && Text(Org.GetIncident(incident.Id)!.Properties.GetValueOrDefault(ArchivedField)) == "True",
                    Timeout, $"the Archive Finding playbook archived finding {finding.Id} in GuardDuty and set {ArchivedField} on incident {incident.Id}",
                    () => $"archived in GuardDuty: {session.IsArchivedInGuardDuty(finding)}, playbook runs: {Runs(incident.Id, SoarGuardDutyCustomization.ArchiveFunction).Count}",
                    cancellationToken).ConfigureAwait(false);
                var latency = Runs(incident.Id, SoarGuardDutyCustomization.ArchiveFunction)[^1].Latency;
                return $"archived in GuardDuty; archive function round trip {latency.TotalMilliseconds:0.0} ms";
            }).ConfigureAwait(false);
        }

        if (!checkPingPong)
            return;
        var cyclesBefore = session.App.PollCycles;
        var reopenedBefore = session.Activity.Reopened;
        await ui.StepAsync("Check for ping-pong over two more poll cycles", async () =>
        {
            // A cycle that was running during the archive may have read before it; the second one surely read after.
            await Eventually.WaitAsync(() => session.App.PollCycles >= cyclesBefore + 2, Timeout + session.Options.PollInterval * 2,
                "two more poll cycles ran", () => $"{session.App.PollCycles - cyclesBefore} ran", cancellationToken).ConfigureAwait(false);
            await session.Runner.WaitForIdleAsync(cancellationToken).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            foreach (var finding in findings)
            {
                var incidents = session.IncidentsOf(finding);
                if (incidents.Count != 1)
                    throw new TryItException($"finding {finding.Id} now has {incidents.Count} incidents; the archived finding came back as a new incident");
                if (!incidents[0].IsClosed)
                    throw new TryItException($"incident {incidents[0].Id} of archived finding {finding.Id} was reopened");
                var archives = Runs(incidents[0].Id, SoarGuardDutyCustomization.ArchiveFunction).Count;
                if (archives != 1)
                    throw new TryItException($"the archive playbook ran {archives} times for incident {incidents[0].Id}, expected once");
            }

            if (session.Activity.Reopened != reopenedBefore)
                throw new TryItException($"{session.Activity.Reopened - reopenedBefore} incident(s) were reopened");
            if (Org.IncidentCount != session.Seeded.Count)
                throw new TryItException($"SOAR holds {Org.IncidentCount} incidents for {session.Seeded.Count} findings");
            return $"incidents stay closed, no new incident, one archive call each ({session.App.PollCycles - cyclesBefore} cycles watched)";
        }).ConfigureAwait(false);
    }

    /// <summary>Findings for the steps, each from its own region: the first <paramref name="perStep"/> of a region not used yet.</summary>
    public (IReadOnlyList<SeededFinding> Refresh, IReadOnlyList<SeededFinding> Archive, IReadOnlyList<SeededFinding> Close) Pick(int perStep)
    {
        var byRegion = session.Seeded.GroupBy(f => f.Region).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        IReadOnlyList<SeededFinding> From(int i) => byRegion[i % byRegion.Count].Skip((i / byRegion.Count) * perStep).Take(perStep).ToList();
        return (From(0), From(1), From(2));
    }

    private SoarIncidentView OnlyIncident(SeededFinding finding)
    {
        var incidents = session.IncidentsOf(finding);
        return incidents.Count == 1
            ? incidents[0]
            : throw new TryItException($"finding {finding.Id} has {incidents.Count} incidents, expected one");
    }

    private List<SoarPlaybookRun> Runs(long incidentId, string function) =>
        session.Runner.Runs().Where(r => r.IncidentId == incidentId && r.Function == function).ToList();

    private static double Number(object? value) =>
        double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN;

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "True" : "False",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
