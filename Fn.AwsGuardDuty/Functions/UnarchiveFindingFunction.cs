using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_unarchive_finding</c> (new-functions.md): UnarchiveFindings for the id(s) in
/// <c>aws_gd_finding_id</c> (one id, or several separated by commas/whitespace; batched by 50).
/// Content <c>{"status":"ok","finding_ids":[…]}</c>.
/// </summary>
public sealed class UnarchiveFindingFunction(GuardDutyClientFactory clients, ILogger<UnarchiveFindingFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UnarchiveFinding, "AWS GuardDuty: Unarchive Finding",
        "Moves an archived AWS GuardDuty finding back to the current findings.",
        [InputNames.FindingId, InputNames.DetectorId, InputNames.Region]);

    public string Name => FunctionNames.UnarchiveFinding;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var findingIds = call.Inputs.RequiredIdList(InputNames.FindingId);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).UnarchiveFindingsAsync(detectorId, findingIds, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Unarchived {Count} finding(s) of detector {DetectorId} in {Region}", findingIds.Count, detectorId, region);
            return new JObject { ["status"] = "ok", ["finding_ids"] = new JArray(findingIds) };
        });
    }
}
