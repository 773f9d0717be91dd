using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_update_findings_feedback</c> (new-functions.md): UpdateFindingsFeedback for the id(s) in
/// <c>aws_gd_finding_id</c> with <c>aws_gd_feedback</c> (USEFUL or NOT_USEFUL; case, spaces and hyphens are forgiven)
/// and optional <c>aws_gd_comments</c>. Content <c>{"status":"ok","finding_ids":[…],"feedback":"USEFUL"}</c>.
/// </summary>
public sealed class UpdateFindingsFeedbackFunction(GuardDutyClientFactory clients, ILogger<UpdateFindingsFeedbackFunction> logger)
    : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateFindingsFeedback, "AWS GuardDuty: Update Findings Feedback",
        "Marks AWS GuardDuty findings as useful or not useful, with optional comments.",
        [InputNames.FindingId, InputNames.DetectorId, InputNames.Region, InputNames.Feedback, InputNames.Comments]);

    public string Name => FunctionNames.UpdateFindingsFeedback;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var findingIds = call.Inputs.RequiredIdList(InputNames.FindingId);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();
        var (feedback, feedbackText) = ReadFeedback(call.Inputs);
        var comments = call.Inputs.OptionalText(InputNames.Comments);

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).UpdateFindingsFeedbackAsync(detectorId, findingIds, feedback, comments, cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Marked {Count} finding(s) of detector {DetectorId} in {Region} as {Feedback}",
                findingIds.Count, detectorId, region, feedbackText);
            return new JObject { ["status"] = "ok", ["finding_ids"] = new JArray(findingIds), ["feedback"] = feedbackText };
        });
    }

    private static (FindingFeedback Value, string Text) ReadFeedback(FunctionInputs inputs)
    {
        var text = inputs.RequiredText(InputNames.Feedback).ToUpperInvariant().Replace(' ', '_').Replace('-', '_');
        return text switch
        {
            "USEFUL" => (FindingFeedback.Useful, text),
            "NOT_USEFUL" => (FindingFeedback.NotUseful, text),
            _ => throw GuardDutyInputs.Invalid(InputNames.Feedback, $"must be USEFUL or NOT_USEFUL, got '{GuardDutyInputs.Echo(text)}'"),
        };
    }
}
