using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Tests.Findings;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// Issue 13: the functions act on a member account's findings through the administrator's detector (this fixture's
/// account administers <see cref="Member"/>), and the refresh function links an attack sequence to its member
/// findings' incidents: incident ids in the signal rows, one note per member incident, whatever the number of refreshes.
/// The sequence is the hand-written vector 05 moved into the member account.
/// </summary>
public class MemberFindingFunctionsTests : FunctionsBrokerFixture
{
    private const string Member = "210987654321";
    private const string MemberDetectorId = "3ec8b1f0a2d94e6f8b7c5d4e3f2a1b0c";
    private const string SequenceId = "7f1a2b3c4d5e6f708192a3b4c5d6e7f8";
    private const string FirstMemberId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string LaterMemberId = "1b2c3d4e5f60718293a4b5c6d7e8f90a";
    private const string SequenceTitle = "Potential credential compromise of IAM user jdoe.";
    private const string LaterMemberArn = $"arn:aws:guardduty:{Region}:{Member}:detector/{MemberDetectorId}/finding/{LaterMemberId}";

    private DetectorKey _memberDetector;

    [OneTimeSetUp]
    public void MakeThisAccountTheAdministrator()
    {
        GuardDuty.State.AddMembers(Account, [Member]);
        _memberDetector = GuardDuty.State.CreateDetector(Member, Region, MemberDetectorId);
    }

    [Test]
    public async Task Archive_and_unarchive_act_on_a_member_finding_through_the_administrators_detector()
    {
        var id = SeedMemberFinding("c0c0c0c0a1a1a1a1b2b2b2b2d3d3d3d3", 1310);
        var inputs = FindingInputs(id, Detector.DetectorId);

        (await CallAsync(FunctionNames.ArchiveFinding, inputs)).ShouldBeCompleted(success: true, reason: null, new JObject { ["status"] = "ok" }, inputs);
        GuardDuty.State.GetFinding(_memberDetector, id)!["service"]!["archived"]!.Value<bool>().Should().BeTrue();

        var unarchived = (await CallAsync(FunctionNames.UnarchiveFinding, inputs)).ShouldBeCompleted();
        unarchived["success"]!.Value<bool>().Should().BeTrue();
        unarchived["content"]!["status"]!.Value<string>().Should().Be("ok");
        GuardDuty.State.GetFinding(_memberDetector, id)!["service"]!["archived"]!.Value<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Feedback_acts_on_a_member_finding_through_the_administrators_detector()
    {
        var id = SeedMemberFinding("c1c1c1c1a1a1a1a1b2b2b2b2d3d3d3d3", 1311);
        var inputs = FindingInputs(id, Detector.DetectorId);
        inputs[InputNames.Feedback] = new JObject { ["id"] = 11, ["name"] = "USEFUL" };

        var results = (await CallAsync(FunctionNames.UpdateFindingsFeedback, inputs)).ShouldBeCompleted();

        results["success"]!.Value<bool>().Should().BeTrue();
        results["content"]!["status"]!.Value<string>().Should().Be("ok");
        GuardDuty.State.GetFinding(_memberDetector, id)!["service"]!["userFeedback"]!.Value<string>().Should().Be("USEFUL");
    }

    [Test]
    public async Task Refresh_links_a_sequence_to_its_members_incidents_once_and_a_new_signal_adds_one_linked_row()
    {
        var sequenceWire = VectorFiles.Parse(VectorFiles.Sample(VectorFiles.IamSequenceWire).ToString(Newtonsoft.Json.Formatting.None)
            .Replace("111122223333", Member, StringComparison.Ordinal));
        var firstArn = sequenceWire.SelectToken("service.detection.sequence.signals[0].uid")!.Value<string>()!;
        SeedMemberFinding(FirstMemberId, 1312, firstArn);
        GuardDuty.State.AddFinding(_memberDetector, sequenceWire);
        var sequenceIncident = await NewIncidentAsync(SequenceId);
        var firstIncident = await NewIncidentAsync(FirstMemberId);
        var inputs = RefreshInputs(sequenceIncident);

        for (var i = 0; i < 2; i++)
            (await CallAsync(FunctionNames.RefreshFinding, inputs)).ShouldBeCompleted()["success"]!.Value<bool>().Should().BeTrue();

        var rows = Incident(sequenceIncident).Rows(DataTables.SequenceSignals.Name);
        rows.Select(r => Text(r, "signal_uid")).Should().Equal(firstArn, "cloudtrail-listusers-7d1e", "cloudtrail-createaccesskey-7d1e");
        rows.Select(r => Text(r, "incident_id")).Should().Equal($"{firstIncident}", null, null);
        Incident(sequenceIncident).Rows(DataTables.SequenceIndicators.Name).Should().HaveCount(4, "two refreshes replace, not append");
        LinkNotes(firstIncident, sequenceIncident).Should().ContainSingle("two refreshes write the note once").Which.Should().Contain(SequenceTitle);
        LinkNotes(sequenceIncident, sequenceIncident).Should().BeEmpty();

        // A new signal naming a member finding escalated since: its row is added and linked, nothing is duplicated.
        SeedMemberFinding(LaterMemberId, 1313, LaterMemberArn);
        var laterIncident = await NewIncidentAsync(LaterMemberId);
        GuardDuty.State.UpdateFinding(_memberDetector, SequenceId, f => ((JArray)f.SelectToken("service.detection.sequence.signals")!).Add(JObject.Parse($$"""
            {"uid":"{{LaterMemberArn}}","type":"FINDING","name":"Discovery:IAMUser/AnomalousBehavior",
             "createdAt":1732039000,"updatedAt":1732039000,"firstSeenAt":1732039000,"lastSeenAt":1732039000,"severity":2.0,"count":2}
            """)));
        (await CallAsync(FunctionNames.RefreshFinding, inputs)).ShouldBeCompleted()["success"]!.Value<bool>().Should().BeTrue();

        rows = Incident(sequenceIncident).Rows(DataTables.SequenceSignals.Name);
        rows.Select(r => Text(r, "signal_uid")).Should().Equal(firstArn, "cloudtrail-listusers-7d1e", "cloudtrail-createaccesskey-7d1e", LaterMemberArn);
        rows.Select(r => Text(r, "incident_id")).Should().Equal($"{firstIncident}", null, null, $"{laterIncident}");
        Text(rows[3], "first_seen").Should().Be("2024-11-19T17:56:40.000Z");
        Text(rows[3], "severity").Should().Be("2");
        LinkNotes(laterIncident, sequenceIncident).Should().ContainSingle();
        LinkNotes(firstIncident, sequenceIncident).Should().ContainSingle();
    }

    private string SeedMemberFinding(string id, int seed, string? arn = null)
    {
        var finding = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = Member,
            Region = Region,
            DetectorId = MemberDetectorId,
            StartTime = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(1).Single();
        finding["id"] = id;
        finding["arn"] = arn ?? $"arn:aws:guardduty:{Region}:{Member}:detector/{MemberDetectorId}/finding/{id}";
        GuardDuty.State.AddFinding(_memberDetector, finding);
        return id;
    }

    /// <summary>An incident as the poller makes it for a finding listed by the administrator's detector.</summary>
    private async Task<long> NewIncidentAsync(string findingId)
    {
        var incident = await SoarClient.Incidents.CreateAsync(new JObject
        {
            ["name"] = "AWS GuardDuty: " + findingId,
            ["discovered_date"] = 1712814436625L,
            ["severity_code"] = "Low",
            ["properties"] = new JObject
            {
                ["aws_guardduty_finding_id"] = findingId,
                ["aws_guardduty_detector_id"] = Detector.DetectorId,
                ["aws_guardduty_region"] = Region,
            },
        });
        return incident["id"]!.Value<long>();
    }

    private JObject RefreshInputs(long incidentId)
    {
        var inputs = FindingInputs(SequenceId, Detector.DetectorId);
        inputs[InputNames.IncidentId] = incidentId;
        return inputs;
    }

    private SoarIncidentView Incident(long id) => Soar.State.DefaultOrg.GetIncident(id)!;

    private List<string> LinkNotes(long memberIncident, long sequenceIncident) =>
        Incident(memberIncident).Comments.Select(c => c.Content)
            .Where(c => c.Contains($"attack sequence of SOAR incident {sequenceIncident}:", StringComparison.Ordinal))
            .ToList();

    private static string? Text(SoarTableRowView row, string column) =>
        IncidentAssertions.Text(row.Cells.GetValueOrDefault(column)) is { Length: > 0 } text ? text : null;
}
