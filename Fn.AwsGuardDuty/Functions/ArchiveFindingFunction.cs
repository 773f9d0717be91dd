using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>func_aws_guardduty_archive_finding</c> (guardduty-app.md §4.2): ArchiveFindings for one finding. Content
/// <c>{"status":"ok"}</c>, or <c>{"status":"error","msg":…}</c> for an AWS client error (see <see cref="LegacyAwsErrors"/>);
/// the archive playbook script sets <c>aws_guardduty_archived</c> on "ok" and writes a note either way.
/// </summary>
public sealed class ArchiveFindingFunction(GuardDutyClientFactory clients, ILogger<ArchiveFindingFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ArchiveFinding, "AWS GuardDuty: Archive finding",
        "Resilient Function to archive an AWS GuardDuty finding when the corresponding incident is closed.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FindingId], "ee7aaede-3fd1-46d5-bd05-4bd6062f67e3");

    public string Name => FunctionNames.ArchiveFinding;

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var findingId = call.Inputs.RequiredId(InputNames.FindingId);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();

        try
        {
            await clients.GetClient(region).ArchiveFindingsAsync(detectorId, [findingId], cancellationToken).ConfigureAwait(false);
        }
        catch (GuardDutyException error) when (LegacyAwsErrors.IsClientError(error))
        {
            var content = LegacyAwsErrors.ErrorContent(error);
            logger.LogWarning("Finding {FindingId} of detector {DetectorId} in {Region} was not archived: {Reason}",
                findingId, detectorId, region, content["msg"]);
            return FunctionResult.Ok(content);
        }
        catch (GuardDutyException error)
        {
            throw LegacyAwsErrors.Failure(error);
        }

        logger.LogInformation("Archived finding {FindingId} of detector {DetectorId} in {Region}", findingId, detectorId, region);
        return FunctionResult.Ok(new JObject { ["status"] = "ok" });
    }
}
