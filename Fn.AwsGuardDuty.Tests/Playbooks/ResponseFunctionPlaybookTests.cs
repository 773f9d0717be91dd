using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>The direct-use playbooks of the newer functions and "Findings statistics (PB)", with boto3-shaped contents written by hand.</summary>
public class ResponseFunctionPlaybookTests
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    private static JObject Ok(string json)
    {
        var content = JObject.Parse(json);
        content.AddFirst(new JProperty("ResponseMetadata", new JObject { ["RequestId"] = null, ["HTTPStatusCode"] = 200 }));
        content["status"] = "ok";
        return content;
    }

    private static JObject Inputs(params (string Name, string Value)[] more)
    {
        var inputs = new JObject { ["aws_gd_region"] = TestIncident.Region, ["aws_gd_detector_id"] = TestIncident.DetectorId };
        foreach (var (name, value) in more)
            inputs[name] = value;
        return inputs;
    }

    [Test]
    public async Task Findings_statistics_notes_the_counts_of_each_group()
    {
        var content = Ok("""
            {"FindingStatistics":{"GroupedByFindingType":[
              {"FindingType":"Recon:EC2/PortProbeUnprotectedPort","LastGeneratedAt":"2025-03-01T00:00:00.000Z","TotalFindings":7},
              {"FindingType":"Backdoor:EC2/C&CActivity.B","LastGeneratedAt":"2025-03-02T00:00:00.000Z","TotalFindings":2}]}}
            """);
        var run = await _harness.RunPostProcessAsync("aws_guardduty_findings_statistics_pb",
            TestIncident.Envelope(content, Inputs(("aws_gd_group_by", "FINDING_TYPE"))));

        run.Note.Should().EndWith("<b>Findings by FINDING_TYPE:</b><br>Recon:EC2/PortProbeUnprotectedPort: 7<br>Backdoor:EC2/C&amp;CActivity.B: 2");
    }

    [Test]
    public async Task Findings_statistics_by_severity_label_the_severity()
    {
        var content = Ok("""{"FindingStatistics":{"GroupedBySeverity":[{"Severity":8.0,"TotalFindings":3}]}}""");
        var run = await _harness.RunPostProcessAsync("aws_guardduty_findings_statistics_pb",
            TestIncident.Envelope(content, Inputs(("aws_gd_group_by", "SEVERITY"))));

        run.Note.Should().EndWith("<b>Findings by SEVERITY:</b><br>severity 8.0: 3");
    }

    [Test]
    public async Task Create_filter_notes_the_name_action_and_criteria()
    {
        var content = Ok("""{"Name":"low-noise","FindingCriteria":{"Criterion":{"severity":{"Lt":4}}}}""");
        var run = await _harness.RunPostProcessAsync("aws_guardduty_create_filter_pb",
            TestIncident.Envelope(content, Inputs(("aws_gd_filter_name", "low-noise"))));

        run.Note.Should().EndWith("<b>Filter created:</b> low-noise<br><b>Action:</b> ARCHIVE<br><b>Criteria:</b><br>severity Lt 4");
    }

    [Test]
    public async Task List_filters_notes_the_names_and_the_next_token()
    {
        var content = Ok("""{"FilterNames":["a","b"],"NextToken":"tok"}""");
        var run = await _harness.RunPostProcessAsync("aws_guardduty_list_filters_pb", TestIncident.Envelope(content, Inputs()));

        run.Note.Should().EndWith("<b>Filters (2):</b> a, b<br><b>Next token:</b> tok");
    }

    [Test]
    public async Task Get_threat_entity_set_notes_its_details()
    {
        var content = Ok("""{"Name":"Bad hosts","Format":"TXT","Location":"s3://b/k","Status":"ACTIVE","Tags":{"team":"blue"}}""");
        var run = await _harness.RunPostProcessAsync("aws_guardduty_get_threat_entity_set_pb", TestIncident.Envelope(content, Inputs()));

        run.Note.Should().EndWith("<b>Name:</b> Bad hosts<br><b>Format:</b> TXT<br><b>Location:</b> s3://b/k<br><b>Status:</b> ACTIVE<br><b>Tags:</b> team:blue");
    }

    [TestCase("aws_guardduty_create_filter_pb")]
    [TestCase("aws_guardduty_get_filter_pb")]
    [TestCase("aws_guardduty_update_filter_pb")]
    [TestCase("aws_guardduty_delete_filter_pb")]
    [TestCase("aws_guardduty_list_filters_pb")]
    [TestCase("aws_guardduty_get_detector_pb")]
    [TestCase("aws_guardduty_findings_statistics_pb")]
    [TestCase("aws_guardduty_start_malware_scan_pb")]
    [TestCase("aws_guardduty_get_malware_scan_pb")]
    [TestCase("aws_guardduty_scan_s3_object_pb")]
    [TestCase("aws_guardduty_list_members_pb")]
    [TestCase("aws_guardduty_list_coverage_pb")]
    [TestCase("aws_guardduty_get_coverage_statistics_pb")]
    [TestCase("aws_guardduty_create_threat_entity_set_pb")]
    [TestCase("aws_guardduty_list_threat_entity_set_pb")]
    [TestCase("aws_guardduty_get_threat_entity_set_pb")]
    [TestCase("aws_guardduty_update_threat_entity_set_pb")]
    [TestCase("aws_guardduty_delete_threat_entity_set_pb")]
    [TestCase("aws_guardduty_create_trusted_entity_set_pb")]
    [TestCase("aws_guardduty_list_trusted_entity_set_pb")]
    [TestCase("aws_guardduty_get_trusted_entity_set_pb")]
    [TestCase("aws_guardduty_update_trusted_entity_set_pb")]
    [TestCase("aws_guardduty_delete_trusted_entity_set_pb")]
    public async Task Failures_name_the_aws_error_and_change_nothing_else(string playbook)
    {
        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject(), Inputs(), success: false,
            reason: "BadRequestException: The request is rejected since no such resource found."));

        run.Note.Should().Contain("Execution error").And.EndWith("<b>Reason:</b> BadRequestException: The request is rejected since no such resource found.");
        run.Changed.Should().BeEmpty();
    }
}
