using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>The playbooks of the five new functions, with the content shapes of new-functions.md.</summary>
public class NewFunctionPlaybookTests
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    [Test]
    public async Task Unarchive_marks_the_incident_not_archived_when_its_finding_was_unarchived()
    {
        var run = await _harness.RunPostProcessAsync("aws_guardduty_unarchive_finding_pb",
            TestIncident.Envelope(new JObject { ["status"] = "ok", ["finding_ids"] = new JArray(TestIncident.FindingId) }, TestIncident.FindingInputs()),
            TestIncident.WithFinding(archived: "True"));
        run.Properties[IncidentFields.Archived]!.Value<string>().Should().Be("False");
        run.Note.Should().Contain("Unarchived findings:</b> " + TestIncident.FindingId);

        var other = await _harness.RunPostProcessAsync("aws_guardduty_unarchive_finding_pb",
            TestIncident.Envelope(new JObject { ["status"] = "ok", ["finding_ids"] = new JArray("someone-else") }, TestIncident.FindingInputs()),
            TestIncident.WithFinding(archived: "True"));
        other.Changed.Should().BeEmpty();
    }

    [Test]
    public async Task Feedback_is_noted_with_its_comments()
    {
        var inputs = TestIncident.FindingInputs();
        inputs["aws_gd_feedback"] = "NOT_USEFUL";
        inputs["aws_gd_comments"] = "expected scanner";
        var run = await _harness.RunPostProcessAsync("aws_guardduty_update_findings_feedback_pb",
            TestIncident.Envelope(new JObject { ["status"] = "ok", ["finding_ids"] = new JArray(TestIncident.FindingId), ["feedback"] = "NOT_USEFUL" }, inputs));
        run.Note.Should().Contain("Feedback:</b> NOT_USEFUL").And.Contain(TestIncident.FindingId).And.Contain("expected scanner");
        run.Changed.Should().BeEmpty();
    }

    [Test]
    public async Task Get_findings_summarises_each_finding_and_the_missing_ids()
    {
        var finding = VectorFiles.Sample(VectorFiles.S3WithInstance);
        var run = await _harness.RunPostProcessAsync("aws_guardduty_get_findings_pb",
            TestIncident.Envelope(new JObject { ["findings"] = new JArray(finding), ["missing_ids"] = new JArray("gone1") },
                new JObject { ["aws_gd_finding_ids"] = TestIncident.FindingId, ["aws_gd_detector_id"] = TestIncident.DetectorId, ["aws_gd_region"] = TestIncident.Region }));
        run.Note.Should().Contain("Findings returned:</b> 1").And.Contain(finding["Id"]!.Value<string>()).And.Contain(finding["Type"]!.Value<string>())
            .And.Contain("Not found:</b> gone1");
    }

    [Test]
    public async Task List_findings_notes_the_ids_and_the_next_token()
    {
        var run = await _harness.RunPostProcessAsync("aws_guardduty_list_findings_pb",
            TestIncident.Envelope(new JObject { ["finding_ids"] = new JArray("f1", "f2"), ["next_token"] = "tok" }, TestIncident.FindingInputs()));
        run.Note.Should().Contain("Finding ids (2):</b><br>f1<br>f2").And.Contain("Next token:</b> tok");

        var empty = await _harness.RunPostProcessAsync("aws_guardduty_list_findings_pb",
            TestIncident.Envelope(new JObject { ["finding_ids"] = new JArray(), ["next_token"] = null }, TestIncident.FindingInputs()));
        empty.Note.Should().Contain("No findings match");
    }

    [Test]
    public async Task Sample_findings_notes_the_types_created()
    {
        var run = await _harness.RunPostProcessAsync("aws_guardduty_create_sample_findings_pb",
            TestIncident.Envelope(new JObject { ["status"] = "ok", ["finding_types"] = new JArray("Recon:EC2/PortProbeUnprotectedPort") }, TestIncident.FindingInputs()));
        run.Note.Should().Contain("Sample findings created:</b> Recon:EC2/PortProbeUnprotectedPort");
    }

    [TestCase("aws_guardduty_unarchive_finding_pb")]
    [TestCase("aws_guardduty_update_findings_feedback_pb")]
    [TestCase("aws_guardduty_get_findings_pb")]
    [TestCase("aws_guardduty_list_findings_pb")]
    [TestCase("aws_guardduty_create_sample_findings_pb")]
    public async Task Failures_name_the_aws_error(string playbook)
    {
        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject(), TestIncident.FindingInputs(), success: false,
            reason: "BadRequestException: The request is rejected because the input detectorId is not owned by the current account."));
        run.Note.Should().Contain("Execution error").And.Contain("BadRequestException");
        run.Changed.Should().BeEmpty();
    }
}
