using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary><c>aws_guardduty_delete_filter</c>: DeleteFilter. Content <c>{"ResponseMetadata":{…},"status":"ok"}</c>.</summary>
public sealed class DeleteFilterFunction(GuardDutyClientFactory clients, ILogger<DeleteFilterFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.DeleteFilter, "AWS GuardDuty: Delete Filter",
        "Deletes a GuardDuty filter (suppression rule). Findings it archived stay archived.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FilterName]);

    public string Name => FunctionNames.DeleteFilter;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var filterName = call.Inputs.FilterName();
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            await clients.GetClient(region).DeleteFilterAsync(detectorId, filterName, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Deleted filter {FilterName} of detector {DetectorId} in {Region}", filterName, detectorId, region);
            return OkContent.Build();
        });
    }
}
