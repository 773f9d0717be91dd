using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_findings_statistics</c>: GetFindingsStatistics grouped by <c>aws_gd_group_by</c> (ACCOUNT,
/// DATE, FINDING_TYPE, RESOURCE or SEVERITY), over the findings <c>aws_gd_filter_criteria</c> selects (all when not
/// given). Content: boto3's response (<c>FindingStatistics</c> with its <c>GroupedBy…</c> list) and <c>"status":"ok"</c>.
/// </summary>
public sealed class GetFindingsStatisticsFunction(GuardDutyClientFactory clients, ILogger<GetFindingsStatisticsFunction> logger)
    : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetFindingsStatistics, "AWS GuardDuty: Get Findings Statistics",
        "Counts the GuardDuty findings of a detector grouped by account, date, finding type, resource or severity, optionally over the findings that match criteria.",
        [InputNames.Region, InputNames.DetectorId, InputNames.GroupBy, InputNames.FilterCriteria]);

    public static IReadOnlyList<string> GroupByValues { get; } = ["ACCOUNT", "DATE", "FINDING_TYPE", "RESOURCE", "SEVERITY"];

    private static readonly FindingConverter Converter = new();

    public string Name => FunctionNames.GetFindingsStatistics;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var region = inputs.Region();
        var detectorId = inputs.DetectorId();
        var groupBy = inputs.RequiredText(InputNames.GroupBy).ToUpperInvariant();
        if (!GroupByValues.Contains(groupBy))
        {
            throw GuardDutyInputs.Invalid(InputNames.GroupBy,
                $"must be one of {string.Join(", ", GroupByValues)}, got '{GuardDutyInputs.Echo(groupBy)}'");
        }

        var request = new FindingStatisticsRequest { GroupBy = groupBy, Criteria = Criteria(inputs) };
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var statistics = await clients.GetClient(region).GetFindingsStatisticsAsync(detectorId, request, cancellationToken)
                .ConfigureAwait(false);
            return ResponseContent.From(new JObject { ["findingStatistics"] = statistics }, "GetFindingsStatisticsResponse");
        });
    }

    /// <summary>The criteria in wire form; <c>Matches</c>/<c>NotMatches</c> are refused (filters only, per the model).</summary>
    private static FindingCriteria? Criteria(FunctionInputs inputs)
    {
        if (inputs.Criteria() is not { } criteria)
            return null;
        try
        {
            return FindingCriteria.Parse(Converter.ToWire(criteria, "FindingCriteria"));
        }
        catch (ArgumentException e)
        {
            throw GuardDutyInputs.Invalid(InputNames.FilterCriteria, e.Message);
        }
    }
}
