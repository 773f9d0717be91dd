using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_members</c>: one page of ListMembers (the administrator detector's member accounts) as boto3
/// returns it (<c>Members</c>, <c>NextToken</c> when there is more) with <c>"status":"ok"</c>. <c>aws_gd_max_results</c> is 1-50.
/// </summary>
public sealed class ListMembersFunction(GuardDutyClientFactory clients, ILogger<ListMembersFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListMembers, "AWS GuardDuty: List Members",
        "Lists the member accounts of a GuardDuty administrator detector, one page at a time.",
        [InputNames.Region, InputNames.DetectorId, InputNames.MaxResults, InputNames.NextToken]);

    public string Name => FunctionNames.ListMembers;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var maxResults = call.Inputs.OptionalCount(InputNames.MaxResults, 1, 50);
        var nextToken = call.Inputs.OptionalText(InputNames.NextToken);
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).ListMembersPageAsync(detectorId, nextToken, maxResults, cancellationToken)
                .ConfigureAwait(false);
            return ResponseContent.From(response, "ListMembersResponse");
        });
    }
}
