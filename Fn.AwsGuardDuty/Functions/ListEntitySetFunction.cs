using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_{threat|trusted}_entity_set</c> (extensions.md §C): one page, as boto3 returns it
/// (<c>ThreatEntitySetIds</c>/<c>TrustedEntitySetIds</c>, and <c>NextToken</c> when there is more), with
/// <c>"status":"ok"</c>. Unlike the IPSet/ThreatIntelSet lists (a bare array for their old scripts), the newer
/// functions keep boto3's shape. <c>aws_gd_max_results</c> is 1-50.
/// </summary>
public abstract class ListEntitySetFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public const int MaxPageSize = 50;

    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var detectorId = call.Inputs.DetectorId();
        var maxResults = call.Inputs.OptionalCount(InputNames.MaxResults, 1, MaxPageSize) ?? MaxPageSize;
        var nextToken = call.Inputs.OptionalText(InputNames.NextToken);
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var page = await clients.GetClient(region).ListThreatListsPageAsync(spec.Kind, detectorId, nextToken, maxResults, cancellationToken)
                .ConfigureAwait(false);
            var content = OkContent.Build();
            content.Remove("status");
            content[spec.IdMember + "s"] = new JArray(page.Items);
            if (page.NextToken is not null)
                content["NextToken"] = page.NextToken;
            content["status"] = "ok";
            return content;
        });
    }
}
