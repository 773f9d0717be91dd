using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_coverage</c>: one page of ListCoverage, optionally only <c>aws_gd_account_id</c> and/or
/// <c>aws_gd_coverage_status</c> (HEALTHY/UNHEALTHY), as boto3 returns it (<c>Resources</c>, <c>NextToken</c>) with
/// <c>"status":"ok"</c>. <c>aws_gd_max_results</c> is 1-50.
/// </summary>
public sealed class ListCoverageFunction(GuardDutyClientFactory clients, ILogger<ListCoverageFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListCoverage, "AWS GuardDuty: List Coverage",
        "Lists the runtime-monitoring coverage of the resources of a GuardDuty detector (healthy or not), one page at a time.",
        [InputNames.Region, InputNames.DetectorId, InputNames.AccountId, InputNames.CoverageStatus, InputNames.MaxResults, InputNames.NextToken]);

    public string Name => FunctionNames.ListCoverage;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var region = inputs.Region();
        var detectorId = inputs.DetectorId();
        var account = inputs.OptionalText(InputNames.AccountId);
        if (account is not null && (account.Length != 12 || !account.All(char.IsAsciiDigit)))
            throw GuardDutyInputs.Invalid(InputNames.AccountId, $"must be a 12-digit AWS account id, got '{GuardDutyInputs.Echo(account)}'");
        var status = inputs.OptionalText(InputNames.CoverageStatus)?.ToUpperInvariant();
        if (status is not (null or "HEALTHY" or "UNHEALTHY"))
            throw GuardDutyInputs.Invalid(InputNames.CoverageStatus, $"must be HEALTHY or UNHEALTHY, got '{GuardDutyInputs.Echo(status)}'");
        var maxResults = inputs.OptionalCount(InputNames.MaxResults, 1, 50);
        var nextToken = inputs.OptionalText(InputNames.NextToken);

        var criteria = new JArray();
        if (account is not null)
            criteria.Add(Criterion("ACCOUNT_ID", account));
        if (status is not null)
            criteria.Add(Criterion("COVERAGE_STATUS", status));
        var filter = criteria.Count == 0 ? null : new JObject { ["filterCriterion"] = criteria };

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).ListCoveragePageAsync(detectorId, filter, nextToken, maxResults, cancellationToken)
                .ConfigureAwait(false);
            return ResponseContent.From(response, "ListCoverageResponse");
        });
    }

    private static JObject Criterion(string key, string value) =>
        new() { ["criterionKey"] = key, ["filterCondition"] = new JObject { ["equals"] = new JArray(value) } };
}
