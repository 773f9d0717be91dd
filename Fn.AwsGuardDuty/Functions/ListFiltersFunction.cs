using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_filters</c>: one page of ListFilters, as boto3 returns it (<c>FilterNames</c>, and
/// <c>NextToken</c> when there is more), with <c>"status":"ok"</c>. <c>aws_gd_max_results</c> is 1-50.
/// </summary>
public sealed class ListFiltersFunction(GuardDutyClientFactory clients, ILogger<ListFiltersFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListFilters, "AWS GuardDuty: List Filters",
        "Lists the names of the filters of a GuardDuty detector, one page at a time.",
        [InputNames.Region, InputNames.DetectorId, InputNames.MaxResults, InputNames.NextToken]);

    public const int MaxPageSize = 50;

    public string Name => FunctionNames.ListFilters;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var maxResults = call.Inputs.OptionalCount(InputNames.MaxResults, 1, MaxPageSize);
        var nextToken = call.Inputs.OptionalText(InputNames.NextToken);
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).ListFiltersPageAsync(detectorId, nextToken, maxResults, cancellationToken)
                .ConfigureAwait(false);
            return ResponseContent.From(response, "ListFiltersResponse");
        });
    }
}
