using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_filter</c>: GetFilter. Content: boto3's response (<c>Name</c>, <c>Action</c>, <c>Rank</c>,
/// <c>FindingCriteria</c> in the form <c>aws_gd_filter_criteria</c> takes, …) and <c>"status":"ok"</c>.
/// </summary>
public sealed class GetFilterFunction(GuardDutyClientFactory clients, ILogger<GetFilterFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetFilter, "AWS GuardDuty: Get Filter",
        "Gets a GuardDuty filter: its action, rank, description and finding criteria.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FilterName]);

    public string Name => FunctionNames.GetFilter;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var filterName = call.Inputs.FilterName();
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).GetFilterAsync(detectorId, filterName, cancellationToken).ConfigureAwait(false);
            return ResponseContent.From(response, "GetFilterResponse");
        });
    }
}
