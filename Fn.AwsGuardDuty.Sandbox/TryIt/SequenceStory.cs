using System.Globalization;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Refresh;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Issue 13 in the demo: the sandbox account becomes the GuardDuty administrator of two member accounts in its first
/// region; the members' findings and attack sequences (signals naming member findings by ARN) appear in GuardDuty, the
/// poller escalates them through the administrator's detector, and each sequence's incident is linked: its
/// gd_sequence_signals rows name the incidents of its member findings, each of which carries one note naming it.
/// </summary>
public sealed class SequenceStory(TryItSession session, TryItConsole ui)
{
    private static readonly string[] Members = ["222222222222", "333333333333"];

    private TimeSpan Timeout => session.Options.StepTimeout;

    private SoarOrgState Org => session.Servers.Soar.State.Org(SandboxServers.OrgId);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var administrator = session.Servers.Detectors[session.Servers.Detectors.Keys.Order(StringComparer.Ordinal).First()];
        var organisation = await ui.StepAsync($"Make account {administrator.AccountId} the administrator of {string.Join(", ", Members)} in {administrator.Region}; add their findings and attack sequences",
            () => Task.FromResult(AddOrganisation(administrator)),
            o => $"{o.Sum(a => a.Findings.Count)} member findings, {o.Sum(a => a.Sequences.Count)} attack sequences").ConfigureAwait(false);

        var sequences = organisation.SelectMany(a => a.Sequences).ToList();
        var everything = organisation.SelectMany(a => a.Findings.Concat(a.Sequences)).Select(f => f.Value<string>("id")!).ToList();
        await ui.StepAsync("Wait until the poller escalated every member finding and sequence, each once", async () =>
        {
            await Eventually.WaitAsync(() => everything.All(id => IncidentsOf(id).Count == 1), Timeout,
                "every member finding and attack sequence has exactly one incident",
                () => $"{everything.Count(id => IncidentsOf(id).Count == 1)} of {everything.Count} have one incident", cancellationToken).ConfigureAwait(false);
            var wrongAccount = everything.Select(id => IncidentsOf(id)[0])
                .FirstOrDefault(i => !Members.Contains(Convert.ToString(i.Properties.GetValueOrDefault(IncidentFields.AccountId), CultureInfo.InvariantCulture)));
            if (wrongAccount is not null)
                throw new TryItException($"incident {wrongAccount.Id} has {IncidentFields.AccountId} '{wrongAccount.Properties.GetValueOrDefault(IncidentFields.AccountId)}', not a member account");
            return $"{everything.Count} incidents, each naming its member account";
        }).ConfigureAwait(false);

        foreach (var sequence in sequences)
        {
            var sequenceId = sequence.Value<string>("id")!;
            var incident = IncidentsOf(sequenceId)[0];
            await ui.StepAsync($"Attack sequence {sequence.Value<string>("type")} → incident {incident.Id}: its member findings' incidents are linked", async () =>
            {
                var memberIds = ((JArray)sequence.SelectToken("service.detection.sequence.signals")!)
                    .Where(s => s.Value<string>("type") == "FINDING")
                    .Select(s => SequenceLinker.FindingIdOf(s.Value<string>("uid"))!).ToList();
                var memberIncidents = memberIds.ToDictionary(id => id, id => IncidentsOf(id)[0].Id);
                await Eventually.WaitAsync(() => Linked(incident.Id, memberIncidents), Timeout,
                    $"the signal rows of incident {incident.Id} name the incidents of its {memberIds.Count} member findings, each of which has one note naming it",
                    () => Describe(incident.Id, memberIncidents), cancellationToken).ConfigureAwait(false);
                var now = Org.GetIncident(incident.Id)!;
                return string.Create(CultureInfo.InvariantCulture,
                    $"{now.Rows(DataTables.SequenceSignals.Name).Count} signal rows, {now.Rows(DataTables.SequenceIndicators.Name).Count} indicator rows; linked incidents {string.Join(", ", memberIncidents.Values)}");
            }).ConfigureAwait(false);
        }

        await ui.StepAsync("Check that two more poll cycles change nothing (no extra incident, row or note)", async () =>
        {
            var before = Snapshot(sequences);
            var cycles = session.App.PollCycles;
            await Eventually.WaitAsync(() => session.App.PollCycles >= cycles + 2, Timeout + session.Options.PollInterval * 2,
                "two more poll cycles ran", () => $"{session.App.PollCycles - cycles} ran", cancellationToken).ConfigureAwait(false);
            await session.Runner.WaitForIdleAsync(cancellationToken).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            var after = Snapshot(sequences);
            if (after != before)
                throw new TryItException($"the linked incidents changed over two idle cycles: before {before}; after {after}");
            return "unchanged";
        }).ConfigureAwait(false);
    }

    private List<AccountFindings> AddOrganisation(DetectorKey administrator)
    {
        var state = session.Servers.GuardDuty.State;
        var generated = new OrganizationFindingGenerator(session.Options.Seed, new OrganizationOptions
        {
            AdministratorAccountId = administrator.AccountId,
            MemberAccountIds = Members,
            Region = administrator.Region,
            FindingsPerAccount = 4,
            SequencesPerMember = 1,
        }).Generate();
        state.AddMembers(administrator.AccountId, Members);
        // Updated now: the poller's checkpoint is past the seeded findings' times.
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var members = generated.Accounts.Where(a => a.AccountId != administrator.AccountId).ToList();
        foreach (var account in members)
        {
            var detector = state.CreateDetector(account.AccountId, administrator.Region, account.DetectorId);
            foreach (var finding in account.Findings.Concat(account.Sequences))
            {
                finding["createdAt"] = now;
                finding["updatedAt"] = now;
            }

            state.AddFindings(detector, account.Findings.Concat(account.Sequences));
        }

        return members;
    }

    private bool Linked(long sequenceIncident, IReadOnlyDictionary<string, long> memberIncidents)
    {
        var rows = Org.GetIncident(sequenceIncident)!.Rows(DataTables.SequenceSignals.Name);
        return memberIncidents.All(m =>
            rows.Any(r => SequenceLinker.FindingIdOf(Text(r, "signal_uid")) == m.Key && Text(r, "incident_id") == m.Value.ToString(CultureInfo.InvariantCulture))
            && LinkNotes(m.Value, sequenceIncident) == 1);
    }

    private string Describe(long sequenceIncident, IReadOnlyDictionary<string, long> memberIncidents)
    {
        var rows = Org.GetIncident(sequenceIncident)!.Rows(DataTables.SequenceSignals.Name);
        return "signal rows' incident_id: [" + string.Join(", ", rows.Select(r => Text(r, "incident_id") ?? "-")) + "]; link notes: ["
            + string.Join(", ", memberIncidents.Values.Select(id => $"{id}: {LinkNotes(id, sequenceIncident)}")) + "]";
    }

    private int LinkNotes(long memberIncident, long sequenceIncident) =>
        Org.GetIncident(memberIncident)!.Comments.Count(c => c.Content.Contains(SequenceLinking.Marker(sequenceIncident), StringComparison.Ordinal));

    private string Snapshot(IEnumerable<JObject> sequences) =>
        string.Join("; ", sequences.Select(s => IncidentsOf(s.Value<string>("id")!)).Select(list =>
        {
            var incident = list.Count == 1 ? list[0] : throw new TryItException($"a sequence has {list.Count} incidents");
            var links = incident.Rows(DataTables.SequenceSignals.Name).Select(r => Text(r, "incident_id")).OfType<string>().ToList();
            return $"{incident.Id}: {incident.Rows(DataTables.SequenceSignals.Name).Count} signals, {incident.Rows(DataTables.SequenceIndicators.Name).Count} indicators, "
                + $"notes {string.Join("/", links.Select(l => LinkNotes(long.Parse(l, CultureInfo.InvariantCulture), incident.Id)))}";
        })) + $"; {Org.IncidentCount} incidents";

    private IReadOnlyList<SoarIncidentView> IncidentsOf(string findingId) => Org.FindByProperty(IncidentFields.FindingId, findingId);

    private static string? Text(SoarTableRowView row, string column) =>
        Convert.ToString(row.Cells.GetValueOrDefault(column), CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;
}
