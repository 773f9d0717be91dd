using Fn.AwsGuardDuty.Sandbox.Platform;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Issue 15 in the demo: an analyst runs "Mark as false positive (PB)" on one open incident. The playbook sends
/// NOT_USEFUL feedback, creates an ARCHIVE filter from the finding and archives it, then closes the incident as
/// "Not an Issue" with a note; the story checks each effect where it lands (GuardDuty's state, the incident).
/// </summary>
public sealed class FalsePositiveStory(TryItSession session, TryItConsole ui)
{
    public const string FilterName = "sandbox-false-positive";

    private TimeSpan Timeout => session.Options.StepTimeout;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var finding = session.Seeded.LastOrDefault(f => !session.IsArchivedInGuardDuty(f) && session.IncidentsOf(f) is [{ IsClosed: false }])
            ?? throw new TryItException("no seeded finding has exactly one open incident to mark as a false positive");
        var incident = session.IncidentsOf(finding)[0];

        await ui.StepAsync($"An analyst runs \"{FalsePositivePlaybook.DisplayName}\" on incident {incident.Id} (finding {finding.Id}, {finding.Type})", async () =>
        {
            var run = await session.Runner.RunMarkFalsePositiveAsync(incident.Id, FilterName, "marked in the try-it demo", cancellationToken)
                .WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            if (run.Outcome != SoarPlaybookOutcome.Succeeded)
                throw new TryItException($"the false-positive playbook on incident {incident.Id} ended {run.Outcome}: {run.Detail}");
            session.AnalystCloses++;
            return $"3 functions called, {run.Detail}";
        }).ConfigureAwait(false);

        await ui.StepAsync("Check GuardDuty: NOT_USEFUL feedback, the ARCHIVE filter, the finding archived", () =>
        {
            var stored = session.Servers.GuardDuty.State.GetFinding(finding.Detector, finding.Id)
                ?? throw new TryItException($"finding {finding.Id} is gone from GuardDuty");
            var feedback = stored["service"]?["userFeedback"]?.ToString();
            if (feedback != "NOT_USEFUL")
                throw new TryItException($"finding {finding.Id} has feedback '{feedback}', not NOT_USEFUL");
            var filter = session.Servers.GuardDuty.State.Filters(finding.Detector).FirstOrDefault(f => f.Name == FilterName)
                ?? throw new TryItException($"detector {finding.Detector.DetectorId} has no filter {FilterName}");
            if (filter.Action != "ARCHIVE")
                throw new TryItException($"filter {FilterName} has action {filter.Action}, not ARCHIVE");
            if (!session.IsArchivedInGuardDuty(finding))
                throw new TryItException($"finding {finding.Id} is not archived");
            var criteria = filter.FindingCriteria["criterion"] is Newtonsoft.Json.Linq.JObject c ? string.Join(", ", c.Properties().Select(p => p.Name)) : "none";
            return Task.FromResult($"filter {FilterName} ({filter.Action}) on {criteria}; finding archived");
        }).ConfigureAwait(false);

        await ui.StepAsync($"Check incident {incident.Id}: closed as {FalsePositivePlaybook.NotAnIssue}, with the playbook's note", async () =>
        {
            await Eventually.WaitAsync(() => session.IncidentsOf(finding)[0] is { IsClosed: true, ResolutionId: FalsePositivePlaybook.NotAnIssue },
                Timeout, $"incident {incident.Id} is closed as {FalsePositivePlaybook.NotAnIssue}",
                () => $"plan_status {session.IncidentsOf(finding)[0].PlanStatus}", cancellationToken).ConfigureAwait(false);
            var closed = session.IncidentsOf(finding)[0];
            if (!closed.Comments.Any(c => c.Content.Contains(FalsePositivePlaybook.DisplayName, StringComparison.Ordinal)))
                throw new TryItException($"incident {incident.Id} has no note from the playbook");
            await session.Runner.WaitForIdleAsync(cancellationToken).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            var archiveRuns = session.Runner.Runs().Count(r => r.IncidentId == incident.Id && r.Playbook != FalsePositivePlaybook.Name);
            if (archiveRuns != 0)
                throw new TryItException($"closing incident {incident.Id} also ran the archive playbook {archiveRuns} time(s)");
            return "closed, note added, no archive playbook after it";
        }).ConfigureAwait(false);
    }
}
