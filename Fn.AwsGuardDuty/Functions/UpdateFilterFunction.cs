using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_update_filter</c>: UpdateFilter with only the inputs given (action, rank, description, criteria);
/// at least one is needed. Content: boto3's response (<c>Name</c>) and <c>"status":"ok"</c>.
/// </summary>
public sealed class UpdateFilterFunction(GuardDutyClientFactory clients, ILogger<UpdateFilterFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.UpdateFilter, "AWS GuardDuty: Update Filter",
        "Updates the action, rank, description or finding criteria of a GuardDuty filter; only the inputs given are changed.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FilterName, InputNames.FilterAction, InputNames.FilterRank,
            InputNames.FilterDescription, InputNames.FilterCriteria]);

    private readonly FindingConverter _converter = new();

    public string Name => FunctionNames.UpdateFilter;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var region = inputs.Region();
        var detectorId = inputs.DetectorId();
        var filterName = inputs.FilterName();
        var criteria = inputs.Criteria();
        var request = new FilterRequest
        {
            Action = inputs.FilterAction(),
            Rank = inputs.FilterRank(),
            Description = inputs.FilterDescription(),
            Criteria = criteria is null ? null : (JObject)_converter.ToWire(criteria, "FindingCriteria"),
        };
        if (request is { Action: null, Rank: null, Description: null, Criteria: null })
        {
            throw GuardDutyInputs.Invalid(InputNames.FilterName,
                $"names a filter, but nothing to change was given ({InputNames.FilterAction}, {InputNames.FilterRank}, {InputNames.FilterDescription} or {InputNames.FilterCriteria})");
        }

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).UpdateFilterAsync(detectorId, filterName, request, cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Updated filter {FilterName} in detector {DetectorId} in {Region}", filterName, detectorId, region);
            return ResponseContent.From(response, "UpdateFilterResponse");
        });
    }
}
