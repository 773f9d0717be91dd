using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_detector</c>: GetDetector as boto3 returns it (<c>Status</c>, <c>ServiceRole</c>,
/// <c>FindingPublishingFrequency</c>, <c>DataSources</c>, <c>Features</c>, <c>Tags</c>, …) with <c>"status":"ok"</c>.
/// </summary>
public sealed class GetDetectorFunction(GuardDutyClientFactory clients, ILogger<GetDetectorFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetDetector, "AWS GuardDuty: Get Detector",
        "Gets a GuardDuty detector: its status, service role, publishing frequency, features and tags.",
        [InputNames.Region, InputNames.DetectorId]);

    public string Name => FunctionNames.GetDetector;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var detector = await clients.GetClient(region).GetDetectorAsync(detectorId, cancellationToken).ConfigureAwait(false);
            return ResponseContent.From(detector.Raw, "GetDetectorResponse");
        });
    }
}
