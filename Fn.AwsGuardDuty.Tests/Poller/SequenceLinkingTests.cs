using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Tests.Findings;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// Issue 13 end to end, over the real poller against the GuardDuty and SOAR emulators: an organisation whose
/// administrator (AccountA) lists a member's findings, among them the hand-written IAM credential-compromise sequence
/// (vector 05, moved into the member account) and the member finding its FINDING signal names. Expected rows and
/// artifacts are the vector's hand-written expected file (the same account move applied), not the mapper's output.
/// </summary>
[TestFixture]
public sealed class SequenceLinkingTests
{
    private const string Member = "210987654321";
    private const string Excluded = "777788889999";
    private const string Region = "us-east-1";
    private const string MemberDetectorId = "3ec8b1f0a2d94e6f8b7c5d4e3f2a1b0c";
    private const string SequenceId = "7f1a2b3c4d5e6f708192a3b4c5d6e7f8";
    private const string FirstMemberId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string LaterMemberId = "1b2c3d4e5f60718293a4b5c6d7e8f90a";
    private const string LaterMemberArn = $"arn:aws:guardduty:{Region}:{Member}:detector/{MemberDetectorId}/finding/{LaterMemberId}";

    private static readonly string[] SignalColumns =
    [
        "signal_uid", "signal_name", "signal_type", "signal_description", "severity", "count", "first_seen", "last_seen",
        "resource_uids", "actor_ids", "endpoint_ids", "incident_id", "query_execution_date",
    ];

    private static readonly string[] IndicatorColumns = ["indicator_key", "indicator_title", "indicator_values", "query_execution_date"];

    [Test]
    public async Task A_sequence_and_its_members_are_linked_once_and_a_new_signal_adds_one_linked_row()
    {
        await using var h = await PollerHarness.StartAsync(Region);
        h.Detector(Region);
        h.Gd.AddMembers(PollerHarness.AccountA, [Member, Excluded]);
        var memberDetector = h.Gd.CreateDetector(Member, Region, MemberDetectorId);
        var excludedDetector = h.Gd.EnsureDetector(Excluded, Region);

        // The member finding the sequence's FINDING signal names (by ARN), and the sequence itself: same cycle, same batch.
        var sequenceArn = InMemberAccount(VectorFiles.Sample(VectorFiles.IamSequenceWire));
        var firstArn = sequenceArn.SelectToken("service.detection.sequence.signals[0].uid")!.Value<string>()!;
        h.Seed(memberDetector, 1, seed: 1301, (_, f) => { f["id"] = FirstMemberId; f["arn"] = firstArn; });
        h.Gd.AddFinding(memberDetector, sequenceArn);
        var excluded = h.Seed(excludedDetector, 1, seed: 1302).Single().Value<string>("id")!;

        var poller = h.NewPoller(o => o with { ExcludeAccounts = Pattern("^7777"), UpdateMode = UpdateMode.Direct });
        var first = await poller.RunCycleAsync();

        first.Created.Should().Be(2);
        var incidents = h.IncidentsByFinding();
        incidents.Select(g => g.Key).Should().BeEquivalentTo([SequenceId, FirstMemberId], "the excluded account's finding gets no incident");
        incidents[excluded].Should().BeEmpty();
        foreach (var incident in incidents.SelectMany(g => g))
            IncidentAssertions.Text(incident.Properties[IncidentFields.AccountId]).Should().Be(Member, "every incident names its finding's account");

        var sequence = h.IncidentOf(SequenceId);
        var firstMember = h.IncidentOf(FirstMemberId);
        var expected = InMemberAccount(VectorFiles.Expected(VectorFiles.IamSequenceWire));
        var expectedSignals = (JArray)expected["gd_sequence_signals"]!;
        expectedSignals[0]!["incident_id"] = firstMember.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertRows(sequence.Rows(DataTables.SequenceSignals.Name), expectedSignals, SignalColumns);
        AssertRows(sequence.Rows(DataTables.SequenceIndicators.Name), (JArray)expected["gd_sequence_indicators"]!, IndicatorColumns);
        // Built-in types are named by their display name, the app's own by their api name (as the expected file writes them).
        var artifacts = sequence.Artifacts.Select(a => (a.TypeDisplayName, a.Value)).ToList();
        var byApiName = sequence.Artifacts.Select(a => (a.Type, a.Value)).ToList();
        foreach (var pair in ((JArray)expected["artifacts"]!).Cast<JArray>())
            artifacts.Concat(byApiName).Should().Contain((pair[0]!.Value<string>()!, pair[1]!.Value<string>()!));
        artifacts.Should().Contain([("User Account", "jdoe"), ("User Account", "ops-automation"), ("IP Address", "198.51.100.23"),
            ("IP Address", "203.0.113.77"), ("DNS Name", "update-check.example.net")]);
        artifacts.Should().OnlyHaveUniqueItems();

        LinkNotes(firstMember, sequence).Should().ContainSingle().Which.Should()
            .Contain($"SOAR incident {sequence.Id}:").And.Contain(sequence.Name!, "the note names the sequence's incident id and title");
        LinkNotes(sequence, sequence).Should().BeEmpty();

        // Two more cycles change nothing: no incident, no note, no row.
        var rowsBefore = Snapshot(h.IncidentOf(SequenceId));
        var notesBefore = h.IncidentOf(FirstMemberId).Comments.Count;
        for (var i = 0; i < 2; i++)
            (await poller.RunCycleAsync()).Created.Should().Be(0);
        Snapshot(h.IncidentOf(SequenceId)).Should().Equal(rowsBefore);
        h.IncidentOf(FirstMemberId).Comments.Should().HaveCount(notesBefore);
        LinkNotes(h.IncidentOf(FirstMemberId), sequence).Should().ContainSingle();

        // A member escalated after the sequence, named by a new signal: linked on the sequence's update, in the same batch.
        h.Seed(memberDetector, 1, seed: 1303, (_, f) => { f["id"] = LaterMemberId; f["arn"] = LaterMemberArn; }, start: DateTimeOffset.UtcNow.AddHours(-1));
        h.Gd.UpdateFinding(memberDetector, SequenceId, f => ((JArray)f.SelectToken("service.detection.sequence.signals")!).Add(JObject.Parse($$"""
            {"uid":"{{LaterMemberArn}}","type":"FINDING","name":"Discovery:IAMUser/AnomalousBehavior",
             "createdAt":1732039000,"updatedAt":1732039000,"firstSeenAt":1732039000,"lastSeenAt":1732039000,
             "severity":2.0,"count":2,"resourceUids":["AKIAEXAMPLEJDOE00001"],"actorIds":["actor-jdoe"]}
            """)));
        var update = await poller.RunCycleAsync();

        update.Created.Should().Be(1);
        update.Refreshed.Should().Be(1);
        var laterMember = h.IncidentOf(LaterMemberId);
        expectedSignals.Add(VectorFiles.Parse($$"""
            {"signal_uid":"{{LaterMemberArn}}","signal_name":"Discovery:IAMUser/AnomalousBehavior","signal_type":"FINDING",
             "signal_description":null,"severity":"2","count":"2","first_seen":"2024-11-19T17:56:40.000Z","last_seen":"2024-11-19T17:56:40.000Z",
             "resource_uids":"AKIAEXAMPLEJDOE00001","actor_ids":"actor-jdoe","endpoint_ids":null,"incident_id":"{{laterMember.Id}}",
             "query_execution_date":"<query_execution_date>"}
            """));
        var refreshed = h.IncidentOf(SequenceId);
        AssertRows(refreshed.Rows(DataTables.SequenceSignals.Name), expectedSignals, SignalColumns);
        refreshed.Rows(DataTables.SequenceIndicators.Name).Should().HaveCount(4, "replaced, not appended");
        LinkNotes(laterMember, refreshed).Should().ContainSingle();
        LinkNotes(h.IncidentOf(FirstMemberId), refreshed).Should().ContainSingle("the first member was noted when it was linked, not again");
        h.IncidentsByFinding().SelectMany(g => g).Should().OnlyContain(i => IncidentAssertions.Text(i.Properties[IncidentFields.AccountId]) == Member);
    }

    [Test]
    public async Task A_sequence_escalated_before_its_member_is_linked_on_its_next_update()
    {
        await using var h = await PollerHarness.StartAsync(Region);
        h.Detector(Region);
        h.Gd.AddMembers(PollerHarness.AccountA, [Member]);
        var memberDetector = h.Gd.CreateDetector(Member, Region, MemberDetectorId);
        var sequenceWire = InMemberAccount(VectorFiles.Sample(VectorFiles.IamSequenceWire));
        var firstArn = sequenceWire.SelectToken("service.detection.sequence.signals[0].uid")!.Value<string>()!;
        h.Gd.AddFinding(memberDetector, sequenceWire);
        var poller = h.NewPoller(o => o with { UpdateMode = UpdateMode.Direct });

        await poller.RunCycleAsync();
        h.IncidentOf(SequenceId).Rows(DataTables.SequenceSignals.Name).Should()
            .OnlyContain(r => string.IsNullOrEmpty(IncidentAssertions.Text(r.Cells.GetValueOrDefault("incident_id"))), "the member has no incident yet");

        h.Seed(memberDetector, 1, seed: 1304, (_, f) => { f["id"] = FirstMemberId; f["arn"] = firstArn; }, start: DateTimeOffset.UtcNow.AddHours(-1));
        await poller.RunCycleAsync();
        h.IncidentOf(SequenceId).Rows(DataTables.SequenceSignals.Name)
            .Select(r => IncidentAssertions.Text(r.Cells.GetValueOrDefault("incident_id"))).Should().OnlyContain(v => string.IsNullOrEmpty(v),
                "the sequence did not change, so it is not touched");

        h.Gd.UpdateFinding(memberDetector, SequenceId);
        await poller.RunCycleAsync();
        var member = h.IncidentOf(FirstMemberId);
        IncidentAssertions.Text(h.IncidentOf(SequenceId).Rows(DataTables.SequenceSignals.Name)[0].Cells["incident_id"])
            .Should().Be(member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        LinkNotes(member, h.IncidentOf(SequenceId)).Should().ContainSingle();
    }

    /// <summary>The vector (or its expected file) moved from its account into the member account: the same text move on both.</summary>
    private static JObject InMemberAccount(JObject document) =>
        VectorFiles.Parse(document.ToString(Newtonsoft.Json.Formatting.None).Replace("111122223333", Member, StringComparison.Ordinal));

    private static List<string> LinkNotes(SoarIncidentView member, SoarIncidentView sequence) =>
        member.Comments.Select(c => c.Content)
            .Where(c => c.Contains("attack sequence", StringComparison.OrdinalIgnoreCase) && c.Contains(sequence.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                && !c.StartsWith("AWS GuardDuty finding Payload", StringComparison.Ordinal))
            .ToList();

    private static List<string> Snapshot(SoarIncidentView incident) =>
        new[] { DataTables.SequenceSignals.Name, DataTables.SequenceIndicators.Name }
            .SelectMany(t => incident.Rows(t).Select(r => t + ":" + string.Join("|", r.Cells.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key + "=" + IncidentAssertions.Text(c.Value)))))
            .ToList();

    private static void AssertRows(IReadOnlyList<SoarTableRowView> rows, JArray expected, string[] columns)
    {
        rows.Should().HaveCount(expected.Count, "one row per signal or indicator, none duplicated");
        var bySignal = rows.ToList();
        foreach (var want in expected.Cast<JObject>())
        {
            want.Properties().Select(p => p.Name).Should().BeEquivalentTo(columns, "every contract column is checked");
            var key = want.Properties().First().Value.Value<string>();
            var row = bySignal.Should().ContainSingle(r => IncidentAssertions.Text(r.Cells.GetValueOrDefault(columns[0])) == key).Subject;
            foreach (var column in columns)
            {
                var actual = IncidentAssertions.Text(row.Cells.GetValueOrDefault(column));
                var value = want[column]!.Value<string>();
                if (value == "<query_execution_date>")
                    actual.Should().NotBeNullOrEmpty($"{key}: every row has {column}");
                else if (value is null)
                    actual.Should().BeNullOrEmpty($"{key}: the finding has no {column}");
                else
                    actual.Should().Be(value, $"{key}: {column}");
            }
        }
    }

    private static Regex Pattern(string text) => new(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
