using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// <c>aws_guardduty_list_members</c>, <c>aws_guardduty_list_coverage</c> and <c>aws_guardduty_get_coverage_statistics</c>
/// through the listener and the GuardDuty emulator, over members and coverage seeded in the emulator.
/// </summary>
public class MemberCoverageFunctionTests : FunctionsBrokerFixture
{
    private static JObject Metadata => new() { ["RequestId"] = null, ["HTTPStatusCode"] = 200 };

    [OneTimeSetUp]
    public void Seed()
    {
        foreach (var (account, status) in new[] { ("222222222222", "Enabled"), ("333333333333", "Enabled"), ("444444444444", "Invited") })
        {
            GuardDuty.State.AddMember(Detector, new JObject
            {
                ["accountId"] = account, ["detectorId"] = "d-" + account, ["masterId"] = Account, ["administratorId"] = Account,
                ["email"] = $"sec+{account}@example.com", ["relationshipStatus"] = status, ["updatedAt"] = "2025-03-01T00:00:00.000Z",
            });
        }

        AddCoverage("i-0aaa", "EC2", "HEALTHY", null);
        AddCoverage("i-0bbb", "EC2", "UNHEALTHY", "No agent reporting");
        AddCoverage("eks-prod", "EKS", "UNHEALTHY", "Addon missing");
    }

    [Test]
    public async Task List_members_pages_the_associated_members_in_boto3_shape()
    {
        var first = Inputs();
        first[InputNames.MaxResults] = 1;

        var page = (JObject)(await CallAsync(FunctionNames.ListMembers, first)).ShouldBeCompleted()["content"]!;

        page.Properties().Select(p => p.Name).Should().Equal("ResponseMetadata", "Members", "NextToken", "status");
        JToken.DeepEquals(page["Members"], Reply.Json("""
            [{"AccountId":"222222222222","DetectorId":"d-222222222222","MasterId":"111111111111","AdministratorId":"111111111111",
              "Email":"sec+222222222222@example.com","RelationshipStatus":"Enabled","UpdatedAt":"2025-03-01T00:00:00.000Z"}]
            """)).Should().BeTrue(page["Members"]!.ToString());
        var second = Inputs();
        second[InputNames.NextToken] = page["NextToken"]!.Value<string>();
        var rest = (JObject)(await CallAsync(FunctionNames.ListMembers, second)).ShouldBeCompleted()["content"]!;
        rest["Members"]!.Select(m => m["AccountId"]!.Value<string>()).Should().Equal("333333333333");
        rest.ContainsKey("NextToken").Should().BeFalse();
    }

    [Test]
    public async Task List_members_of_an_unknown_detector_is_success_false_and_a_bad_page_size_is_refused()
    {
        var inputs = Inputs(UnknownDetector);
        (await CallAsync(FunctionNames.ListMembers, inputs)).ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage,
            new JObject(), inputs);

        var bad = Inputs();
        bad[InputNames.MaxResults] = 0;
        (await CallAsync(FunctionNames.ListMembers, bad)).ShouldBeError("input 'aws_gd_max_results' must be a whole number from 1 to 50, got 0");
    }

    [Test]
    public async Task List_coverage_sends_the_status_filter_and_answers_the_matching_resources()
    {
        var inputs = Inputs();
        inputs[InputNames.CoverageStatus] = "unhealthy";

        var content = (JObject)(await CallAsync(FunctionNames.ListCoverage, inputs)).ShouldBeCompleted()["content"]!;

        content.Properties().Select(p => p.Name).Should().Equal("ResponseMetadata", "Resources", "status");
        content["Resources"]!.Select(r => (r["ResourceId"]!.Value<string>(), r["CoverageStatus"]!.Value<string>(), r["Issue"]!.Value<string>()))
            .Should().Equal(("eks-prod", "UNHEALTHY", "Addon missing"), ("i-0bbb", "UNHEALTHY", "No agent reporting"));
        content["Resources"]![0]!["ResourceDetails"]!["ResourceType"]!.Value<string>().Should().Be("EKS");
        content["Resources"]![0]!["UpdatedAt"]!.Value<string>().Should().Be("2025-03-01T00:00:00.000Z");
    }

    [TestCase(InputNames.CoverageStatus, "BROKEN", "input 'aws_gd_coverage_status' must be HEALTHY or UNHEALTHY, got 'BROKEN'")]
    [TestCase(InputNames.AccountId, "12345", "input 'aws_gd_account_id' must be a 12-digit AWS account id, got '12345'")]
    public async Task List_coverage_refuses_bad_inputs_before_any_AWS_call(string input, string value, string message)
    {
        var inputs = Inputs();
        inputs[input] = value;
        var before = GuardDuty.State.Calls.Total;

        (await CallAsync(FunctionNames.ListCoverage, inputs)).ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task Coverage_statistics_count_by_type_and_status()
    {
        var inputs = Inputs();

        var replies = await CallAsync(FunctionNames.GetCoverageStatistics, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, JObject.Parse("""
            {"ResponseMetadata":{"RequestId":null,"HTTPStatusCode":200},
             "CoverageStatistics":{"CountByResourceType":{"EC2":2,"EKS":1},"CountByCoverageStatus":{"HEALTHY":1,"UNHEALTHY":2}},"status":"ok"}
            """), inputs);
    }

    [Test]
    public async Task Coverage_statistics_of_an_unknown_detector_are_success_false()
    {
        var inputs = Inputs(UnknownDetector);

        (await CallAsync(FunctionNames.GetCoverageStatistics, inputs)).ShouldBeCompleted(success: false,
            reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    private JObject Inputs(string? detectorId = null) =>
        new() { [InputNames.Region] = Region, [InputNames.DetectorId] = detectorId ?? Detector.DetectorId };

    private void AddCoverage(string id, string type, string status, string? issue)
    {
        var resource = new JObject
        {
            ["resourceId"] = id,
            ["resourceDetails"] = new JObject { ["resourceType"] = type },
            ["coverageStatus"] = status,
            ["updatedAt"] = 1740787200,
        };
        if (issue is not null)
            resource["issue"] = issue;
        GuardDuty.State.AddCoverage(Detector, resource);
    }
}
