using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_get_findings</c> through the listener and the GuardDuty emulator.</summary>
public class GetFindingsTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.GetFindings;

    [Test]
    public async Task Returns_the_findings_in_boto3_shape_and_the_ids_GuardDuty_did_not_return()
    {
        var ids = SeedFindings(3, seed: 401).Select(f => (string)f["id"]!).ToList();
        var inputs = Inputs($"{ids[0]}\n{ids[1]}, 0000aaaa1111bbbb2222cccc3333dddd {ids[2]}", Detector.DetectorId);

        var replies = await CallAsync(Function, inputs);

        var converter = new FindingConverter();
        var expected = new JObject
        {
            ["findings"] = new JArray(ids.Select(id => converter.ToBoto(GuardDuty.State.GetFinding(Detector, id)!))),
            ["missing_ids"] = new JArray("0000aaaa1111bbbb2222cccc3333dddd"),
        };
        var results = replies.ShouldBeCompleted(success: true, reason: null, expected, inputs);
        results["content"]!["findings"]![0]!["Service"]!["DetectorId"]!.Value<string>().Should().Be(Detector.DetectorId, "members are PascalCase");
    }

    [Test]
    public async Task A_JSON_array_of_ids_is_accepted_and_any_count_is_read_in_batches_of_50()
    {
        var ids = SeedFindings(60, seed: 402).Select(f => (string)f["id"]!).ToList();
        var asked = ids.Concat(Enumerable.Range(0, 50).Select(i => $"absent{i:D2}")).ToList();
        GuardDuty.State.Calls.Reset();

        var replies = await CallAsync(Function, Inputs(new JArray(asked).ToString(Newtonsoft.Json.Formatting.None), Detector.DetectorId));

        var content = replies.ShouldBeCompleted()["content"]!;
        content["findings"]!.Select(f => f["Id"]!.Value<string>()).Should().BeEquivalentTo(ids);
        content["missing_ids"]!.Values<string>().Should().Equal(asked.Skip(60));
        GuardDuty.State.Calls.Count("GetFindings").Should().Be(3);
    }

    [Test]
    public async Task An_unknown_detector_is_success_false_with_the_AWS_code_and_message()
    {
        var inputs = Inputs("c2bb95a17b879bffc96c58f8a1689784", UnknownDetector);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [Test]
    public async Task An_endpoint_that_does_not_answer_in_time_is_success_false_with_a_timeout_reason_not_a_hang()
    {
        GuardDuty.State.Faults.Latency = TimeSpan.FromSeconds(3);
        var inputs = Inputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId);
        var started = DateTime.UtcNow;

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false,
            reason: "Timeout: GuardDuty GetFindings in us-east-1 timed out: each of 3 attempt(s) exceeded 0.6 s.", new JObject(), inputs);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [TestCase(null, "missing required input 'aws_gd_finding_ids'")]
    [TestCase(" , ,", "missing required input 'aws_gd_finding_ids'")]
    [TestCase("[\"a\", 5]", "input 'aws_gd_finding_ids' is a JSON array, so every item must be a string id")]
    public async Task Missing_or_malformed_ids_are_refused_by_name(string? ids, string message)
    {
        var replies = await CallAsync(Function, Inputs(ids, Detector.DetectorId));

        replies.ShouldBeError(message);
    }

    private static JObject Inputs(string? ids, string detectorId) => new()
    {
        [InputNames.FindingIds] = ids,
        [InputNames.DetectorId] = detectorId,
        [InputNames.Region] = Region,
    };
}
