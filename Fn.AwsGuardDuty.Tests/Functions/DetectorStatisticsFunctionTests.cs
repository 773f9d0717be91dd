using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_get_detector</c> and <c>aws_guardduty_get_findings_statistics</c> through the listener and the emulator.</summary>
public class DetectorStatisticsFunctionTests : FunctionsBrokerFixture
{
    [Test]
    public async Task Get_detector_answers_boto3_names_with_status_ok()
    {
        var inputs = Inputs();

        var content = (JObject)(await CallAsync(FunctionNames.GetDetector, inputs)).ShouldBeCompleted()["content"]!;

        content.Properties().Select(p => p.Name).Should().StartWith("ResponseMetadata").And.EndWith("status")
            .And.Contain(["CreatedAt", "FindingPublishingFrequency", "ServiceRole", "Status", "UpdatedAt", "DataSources", "Features"]);
        content["Status"]!.Value<string>().Should().Be("ENABLED");
        content["status"]!.Value<string>().Should().Be("ok");
        content["DataSources"]!["DNSLogs"]!["Status"]!.Value<string>().Should().Be("ENABLED", "boto3 spells dnsLogs as DNSLogs");
        content["Features"]![0]!["UpdatedAt"]!.Value<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
    }

    [Test]
    public async Task Get_detector_of_an_unknown_detector_is_success_false()
    {
        var inputs = Inputs(UnknownDetector);

        (await CallAsync(FunctionNames.GetDetector, inputs)).ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage,
            new JObject(), inputs);
    }

    [Test]
    public async Task Statistics_by_finding_type_count_the_findings_the_criteria_select()
    {
        Add("s1", "Recon:EC2/PortProbeUnprotectedPort", 2);
        Add("s2", "Recon:EC2/PortProbeUnprotectedPort", 8);
        Add("s3", "Backdoor:EC2/C&CActivity.B", 8);
        var inputs = Inputs();
        inputs[InputNames.GroupBy] = "finding_type";
        inputs[InputNames.FilterCriteria] = """{"Criterion": {"severity": {"Gte": 5}}}""";

        var content = (JObject)(await CallAsync(FunctionNames.GetFindingsStatistics, inputs)).ShouldBeCompleted()["content"]!;

        content.Properties().Select(p => p.Name).Should().Equal("ResponseMetadata", "FindingStatistics", "status");
        var groups = content["FindingStatistics"]!["GroupedByFindingType"]!.Select(g => (g["FindingType"]!.Value<string>(), g["TotalFindings"]!.Value<int>()));
        groups.Should().BeEquivalentTo([("Recon:EC2/PortProbeUnprotectedPort", 1), ("Backdoor:EC2/C&CActivity.B", 1)]);
    }

    [TestCase(null, null, "missing required input 'aws_gd_group_by'")]
    [TestCase("REGION", null, "input 'aws_gd_group_by' must be one of ACCOUNT, DATE, FINDING_TYPE, RESOURCE, SEVERITY, got 'REGION'")]
    [TestCase("SEVERITY", """{"Criterion": {"type": {"Matches": ["Recon:*"]}}}""", "input 'aws_gd_filter_criteria' Criterion 'type' uses 'matches'; ListFindings accepts equals, notEquals, greaterThan, greaterThanOrEqual, lessThan and lessThanOrEqual.")]
    public async Task Statistics_refuse_bad_inputs_before_any_AWS_call(string? groupBy, string? criteria, string message)
    {
        var inputs = Inputs();
        inputs[InputNames.GroupBy] = groupBy;
        inputs[InputNames.FilterCriteria] = criteria;
        var before = GuardDuty.State.Calls.Total;

        (await CallAsync(FunctionNames.GetFindingsStatistics, inputs)).ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task Statistics_of_an_unknown_detector_are_success_false()
    {
        var inputs = Inputs(UnknownDetector);
        inputs[InputNames.GroupBy] = "SEVERITY";

        (await CallAsync(FunctionNames.GetFindingsStatistics, inputs)).ShouldBeCompleted(success: false,
            reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    private JObject Inputs(string? detectorId = null) =>
        new() { [InputNames.Region] = Region, [InputNames.DetectorId] = detectorId ?? Detector.DetectorId };

    private void Add(string id, string type, double severity) =>
        GuardDuty.State.AddFinding(Detector, new JObject { ["id"] = id, ["type"] = type, ["severity"] = severity });
}
