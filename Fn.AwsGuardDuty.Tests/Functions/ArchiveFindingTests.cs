using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>func_aws_guardduty_archive_finding</c> through the listener, the broker and the GuardDuty emulator.</summary>
public class ArchiveFindingTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.ArchiveFinding;

    [Test]
    public async Task Archives_the_finding_and_answers_status_ok_in_the_seed_envelope()
    {
        var finding = SeedFindings(1, seed: 101)[0];
        var findingId = (string)finding["id"]!;
        var inputs = FindingInputs(findingId, Detector.DetectorId);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, content: new JObject { ["status"] = "ok" }, inputs);
        replies[^1]["results"]!["raw"]!.Value<string>().Should().Be("{\"status\": \"ok\"}", "the seed's raw for this content");
        GuardDuty.State.GetFinding(Detector, findingId)!["service"]!["archived"]!.Value<bool>().Should().BeTrue();
    }

    [Test]
    public async Task An_unknown_detector_is_a_status_error_content_with_success_true_as_the_reference()
    {
        var inputs = FindingInputs("c2bb95a17b879bffc96c58f8a1689784", UnknownDetector);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, content: new JObject
        {
            ["status"] = "error",
            ["msg"] = "BadRequestException: " + NotOwnedMessage,
        }, inputs);
    }

    [Test]
    public async Task An_internal_error_that_outlives_the_retries_is_also_a_status_error()
    {
        GuardDuty.State.Faults.FailBurst(10, operation: "ArchiveFindings");
        var inputs = FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, content: new JObject
        {
            ["status"] = "error",
            ["msg"] = "InternalServerErrorException: The request is rejected since an internal exception was encountered. (still failing after 3 attempts)",
        }, inputs);
        GuardDuty.State.Calls.Count("ArchiveFindings").Should().BeGreaterThanOrEqualTo(3);
    }

    [Test]
    public async Task Throttling_that_outlives_the_retries_fails_the_call_with_a_clear_message()
    {
        GuardDuty.State.Faults.ThrottleBurst(10, operation: "ArchiveFindings");

        var replies = await CallAsync(Function, FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId));

        replies.ShouldBeError(
            "AWS GuardDuty ArchiveFindings in us-east-1 failed: TooManyRequestsException: Too Many Requests (still failing after 3 attempts)");
    }

    [Test]
    public async Task An_endpoint_that_does_not_answer_in_time_fails_the_call_instead_of_hanging()
    {
        GuardDuty.State.Faults.Latency = TimeSpan.FromSeconds(3);
        var started = DateTime.UtcNow;

        var replies = await CallAsync(Function, FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId));

        replies.ShouldBeError(
            "AWS GuardDuty call failed: Timeout: GuardDuty ArchiveFindings in us-east-1 timed out: each of 3 attempt(s) exceeded 0.6 s.");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Access_denied_fails_the_call()
    {
        GuardDuty.State.Faults.DenyRegion("eu-west-3");

        var replies = await CallAsync(Function, FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId, "eu-west-3"));

        var message = replies.Single()["message"]!.Value<string>();
        replies.Single()["message_type"]!.Value<int>().Should().Be(1);
        message.Should().StartWith("AWS GuardDuty ArchiveFindings in eu-west-3 failed: AccessDeniedException: User: arn:aws:iam::111111111111:user/emulator is not authorized");
    }

    [TestCase(null, "missing required input 'aws_gd_finding_id'")]
    [TestCase("   ", "missing required input 'aws_gd_finding_id'")]
    [TestCase("a,b", "input 'aws_gd_finding_id' must be one id (letters, digits, '-', '_', '.' or ':', at most 300 characters), got 'a,b'")]
    public async Task A_missing_or_malformed_finding_id_is_refused_by_name_before_any_AWS_call(string? findingId, string message)
    {
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(Function, FindingInputs(findingId!, Detector.DetectorId));

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [TestCase("US East", "input 'aws_gd_region' must be an AWS region name such as us-east-1, got 'US East'")]
    [TestCase("us-east", "input 'aws_gd_region' must be an AWS region name such as us-east-1, got 'us-east'")]
    [TestCase("", "missing required input 'aws_gd_region'")]
    public async Task An_invalid_region_is_refused_by_name_before_any_AWS_call(string region, string message)
    {
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(Function, FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId, region));

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }
}
