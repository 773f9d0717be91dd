using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>
/// "AWS GuardDuty: Mark as false positive (PB)" in the harness: its three input scripts send what extensions.md §C
/// asks (NOT_USEFUL feedback, an ARCHIVE filter from the finding named by the analyst, the archive of the finding),
/// and its local script closes the incident as "Not an Issue" with a note, or leaves it open when the archive failed.
/// </summary>
public class FalsePositivePlaybookTests
{
    private const string Playbook = "aws_guardduty_mark_false_positive_pb";
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    private static JObject Form => new() { ["aws_gd_filter_name"] = "fp-port-probe", ["aws_gd_comments"] = "our scanner" };

    [Test]
    public async Task The_three_calls_send_feedback_NOT_USEFUL_an_ARCHIVE_filter_from_the_finding_and_the_archive()
    {
        var incident = TestIncident.WithFinding();

        var feedback = await _harness.RunInputScriptAsync(Playbook, incident, Form, step: 0);
        var filter = await _harness.RunInputScriptAsync(Playbook, incident, Form, step: 1);
        var archive = await _harness.RunInputScriptAsync(Playbook, incident, Form, step: 2);

        JsonCompare(feedback.Inputs, $$"""
            {"aws_gd_region":"us-west-2","aws_gd_detector_id":"{{TestIncident.DetectorId}}","aws_gd_finding_id":"{{TestIncident.FindingId}}",
             "aws_gd_feedback":"NOT_USEFUL","aws_gd_comments":"our scanner"}
            """);
        JsonCompare(filter.Inputs, $$"""
            {"aws_gd_region":"us-west-2","aws_gd_detector_id":"{{TestIncident.DetectorId}}","aws_gd_finding_id":"{{TestIncident.FindingId}}",
             "aws_gd_filter_name":"fp-port-probe","aws_gd_filter_action":"ARCHIVE","aws_gd_filter_description":"False positive, from SOAR incident 2168"}
            """);
        JsonCompare(archive.Inputs, $$"""
            {"aws_gd_region":"us-west-2","aws_gd_detector_id":"{{TestIncident.DetectorId}}","aws_gd_finding_id":"{{TestIncident.FindingId}}"}
            """);
    }

    [Test]
    public async Task When_all_three_succeed_the_incident_is_archived_closed_as_Not_an_Issue_with_a_note()
    {
        var run = await _harness.RunPostProcessAsync(Playbook, Results(archiveStatus: "ok"), TestIncident.WithFinding(), Form);

        run.Changed.Should().BeEquivalentTo(JObject.Parse($$"""
            {"properties.aws_guardduty_archived":"True","resolution_id":"Not an Issue",
             "resolution_summary":"False positive: GuardDuty finding {{TestIncident.FindingId}} marked NOT_USEFUL and archived.","plan_status":"C"}
            """));
        run.Properties[IncidentFields.Archived]!.Value<string>().Should().Be("True");
        run.Note.Should().Be("AWS GuardDuty: Playbook <b>AWS GuardDuty: Mark as false positive (PB)</b><br>"
            + $"Feedback <b>NOT_USEFUL</b> sent for finding <b>{TestIncident.FindingId}</b>.<br>"
            + "Suppression rule <b>fp-port-probe</b> (action ARCHIVE) created with the criteria:<br>"
            + "accountId Eq 111111111111<br>resource.instanceDetails.instanceId Eq i-0abc<br>type Eq Recon:EC2/PortProbeUnprotectedPort<br>"
            + $"Finding <b>{TestIncident.FindingId}</b> archived.<br>Incident closed as <b>Not an Issue</b>.");
    }

    [Test]
    public async Task When_the_archive_fails_the_incident_stays_open_and_the_note_says_why()
    {
        var run = await _harness.RunPostProcessAsync(Playbook, Results(archiveStatus: "error"), TestIncident.WithFinding(), Form);

        run.Changed.Should().BeEmpty();
        run.Note.Should().EndWith("<br><b>Not done:</b><br>The finding was not archived, so the incident stays open: "
            + "BadRequestException: The request is rejected since no such resource found.");
    }

    [Test]
    public async Task A_failed_filter_is_reported_and_the_archive_still_closes_the_incident()
    {
        var results = Results(archiveStatus: "ok");
        results["filter_output"] = TestIncident.Envelope(new JObject(), new JObject(), success: false,
            reason: "BadRequestException: The request is rejected because a filter with the name fp-port-probe already exists.");

        var run = await _harness.RunPostProcessAsync(Playbook, results, TestIncident.WithFinding(), Form);

        run.Changed["plan_status"]!.Value<string>().Should().Be("C");
        run.Note.Should().Contain("<b>Not done:</b><br>The suppression rule was not created: BadRequestException: The request is rejected because a filter with the name fp-port-probe already exists.");
    }

    private static JObject Results(string archiveStatus) => new()
    {
        ["feedback_output"] = TestIncident.Envelope(
            new JObject { ["status"] = "ok", ["finding_ids"] = new JArray(TestIncident.FindingId), ["feedback"] = "NOT_USEFUL" }, TestIncident.FindingInputs()),
        ["filter_output"] = TestIncident.Envelope(JObject.Parse("""
            {"ResponseMetadata":{"RequestId":null,"HTTPStatusCode":200},"Name":"fp-port-probe",
             "FindingCriteria":{"Criterion":{"type":{"Eq":["Recon:EC2/PortProbeUnprotectedPort"]},
               "resource.instanceDetails.instanceId":{"Eq":["i-0abc"]},"accountId":{"Eq":["111111111111"]}}},"status":"ok"}
            """), TestIncident.FindingInputs()),
        ["archive_output"] = TestIncident.Envelope(archiveStatus == "ok"
            ? new JObject { ["status"] = "ok" }
            : new JObject { ["status"] = "error", ["msg"] = "BadRequestException: The request is rejected since no such resource found." },
            TestIncident.FindingInputs()),
    };

    private static void JsonCompare(JObject actual, string expected) =>
        JToken.DeepEquals(actual, JObject.Parse(expected)).Should().BeTrue($"got {actual}");
}
