using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_coverage_statistics</c>: GetCoverageStatistics with both counts (by resource type and by
/// coverage status), as boto3 returns it (<c>CoverageStatistics</c>), with <c>"status":"ok"</c>.
/// </summary>
public sealed class GetCoverageStatisticsFunction(GuardDutyClientFactory clients, ILogger<GetCoverageStatisticsFunction> logger)
    : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetCoverageStatistics, "AWS GuardDuty: Get Coverage Statistics",
        "Counts the resources a GuardDuty detector covers, by resource type and by coverage status.",
        [InputNames.Region, InputNames.DetectorId]);

    public string Name => FunctionNames.GetCoverageStatistics;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).GetCoverageStatisticsAsync(detectorId, cancellationToken).ConfigureAwait(false);
            return ResponseContent.From(response, "GetCoverageStatisticsResponse");
        });
    }
}
