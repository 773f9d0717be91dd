using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_update_findings_feedback</c> through the listener and the GuardDuty emulator.</summary>
public class UpdateFindingsFeedbackTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.UpdateFindingsFeedback;

    [Test]
    public async Task Marks_the_findings_with_the_selected_feedback()
    {
        var ids = SeedFindings(2, seed: 301).Select(f => (string)f["id"]!).ToList();
        var inputs = FindingInputs(string.Join(" ", ids), Detector.DetectorId);
        inputs[InputNames.Feedback] = new JObject { ["id"] = 12, ["name"] = "NOT_USEFUL" };
        inputs[InputNames.Comments] = new JObject { ["format"] = "text", ["content"] = "known scanner" };

        var replies = await CallAsync(Function, inputs);

        // The framework echoes the select as its name and the text area as its content.
        var echoed = (JObject)inputs.DeepClone();
        echoed[InputNames.Feedback] = "NOT_USEFUL";
        echoed[InputNames.Comments] = "known scanner";
        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["status"] = "ok",
            ["finding_ids"] = new JArray(ids),
            ["feedback"] = "NOT_USEFUL",
        }, echoed);
        ids.Select(id => (string?)GuardDuty.State.GetFinding(Detector, id)!["service"]!["userFeedback"]).Should().AllBe("NOT_USEFUL");
    }

    [Test]
    public async Task Throttling_that_outlives_the_retries_is_success_false_with_the_code()
    {
        GuardDuty.State.Faults.ThrottleBurst(10, operation: "UpdateFindingsFeedback");
        var inputs = FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId);
        inputs[InputNames.Feedback] = "useful";

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false, reason: "TooManyRequestsException: Too Many Requests (still failing after 3 attempts)",
            new JObject(), inputs);
    }

    [TestCase("MAYBE", "input 'aws_gd_feedback' must be USEFUL or NOT_USEFUL, got 'MAYBE'")]
    [TestCase(null, "missing required input 'aws_gd_feedback'")]
    public async Task A_missing_or_unknown_feedback_is_refused_by_name(string? feedback, string message)
    {
        var inputs = FindingInputs("c2bb95a17b879bffc96c58f8a1689784", Detector.DetectorId);
        inputs[InputNames.Feedback] = feedback;

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeError(message);
    }
}
