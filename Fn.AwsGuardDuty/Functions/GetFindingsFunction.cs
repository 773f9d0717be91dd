using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_findings</c> (new-functions.md): GetFindings for any number of ids from
/// <c>aws_gd_finding_ids</c>, asked for in batches of 50. Content <c>{"findings":[…],"missing_ids":[…]}</c>: the
/// findings in boto3's PascalCase shape, and the ids GuardDuty did not return (unknown, or of another detector).
/// </summary>
public sealed class GetFindingsFunction(GuardDutyClientFactory clients, ILogger<GetFindingsFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.GetFindings, "AWS GuardDuty: Get Findings",
        "Gets AWS GuardDuty findings by id (any number, read in batches of 50).",
        [InputNames.FindingIds, InputNames.DetectorId, InputNames.Region]);

    private readonly FindingConverter _converter = new();

    public string Name => FunctionNames.GetFindings;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var findingIds = call.Inputs.RequiredIdList(InputNames.FindingIds);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var findings = new JArray();
            var returned = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var batch in clients.GetClient(region).GetFindingsInBatchesAsync(detectorId, findingIds, cancellationToken: cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var wire in batch)
                {
                    if ((string?)wire["id"] is { } id)
                        returned.Add(id);
                    findings.Add(_converter.ToBoto(wire));
                }
            }

            var missing = findingIds.Where(id => !returned.Contains(id)).ToList();
            logger.LogInformation("Read {Found} of {Asked} finding(s) of detector {DetectorId} in {Region}",
                findings.Count, findingIds.Count, detectorId, region);
            return new JObject { ["findings"] = findings, ["missing_ids"] = new JArray(missing) };
        });
    }
}
