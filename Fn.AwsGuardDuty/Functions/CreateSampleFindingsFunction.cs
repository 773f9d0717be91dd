using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_create_sample_findings</c> (new-functions.md): CreateSampleFindings with the types of
/// <c>aws_gd_finding_types</c>, or of every type when it is empty. Content <c>{"status":"ok","finding_types":[…]}</c>
/// with the types asked for (<c>[]</c> meaning "every type", which GuardDuty itself chooses).
/// </summary>
public sealed class CreateSampleFindingsFunction(GuardDutyClientFactory clients, ILogger<CreateSampleFindingsFunction> logger)
    : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateSampleFindings, "AWS GuardDuty: Create Sample Findings",
        "Creates sample AWS GuardDuty findings, of the types given or of every type.",
        [InputNames.DetectorId, InputNames.Region, InputNames.FindingTypes]);

    public string Name => FunctionNames.CreateSampleFindings;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();
        var types = FindingTypeList.Read(call.Inputs);

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).CreateSampleFindingsAsync(detectorId, types, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Created sample findings ({Types}) for detector {DetectorId} in {Region}",
                types.Count == 0 ? "every type" : string.Join(", ", types), detectorId, region);
            return new JObject { ["status"] = "ok", ["finding_types"] = new JArray(types) };
        });
    }
}
