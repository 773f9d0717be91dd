using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_create_filter</c> (extensions.md §C): CreateFilter. The criteria are <c>aws_gd_filter_criteria</c>
/// or, with <c>aws_gd_finding_id</c>, built from that finding (<see cref="FindingFilterCriteria"/>); exactly one of the
/// two. The action is ARCHIVE unless given, and always sent (GuardDuty's own default is NOOP). Content: boto3's
/// response (<c>Name</c>) with the criteria sent as <c>FindingCriteria</c>, and <c>"status":"ok"</c>.
/// </summary>
public sealed class CreateFilterFunction(GuardDutyClientFactory clients, ILogger<CreateFilterFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.CreateFilter, "AWS GuardDuty: Create Filter",
        "Creates a GuardDuty filter; with action ARCHIVE (the default) it is a suppression rule. The criteria are given as JSON or built from a finding (its type, resource and account).",
        [InputNames.Region, InputNames.DetectorId, InputNames.FilterName, InputNames.FilterAction, InputNames.FilterRank,
            InputNames.FilterDescription, InputNames.FilterCriteria, InputNames.FindingId]);

    private readonly FindingConverter _converter = new();

    public string Name => FunctionNames.CreateFilter;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var region = inputs.Region();
        var detectorId = inputs.DetectorId();
        var filterName = inputs.FilterName();
        var action = inputs.FilterAction() ?? FilterInputs.Archive;
        var rank = inputs.FilterRank();
        var description = inputs.FilterDescription();
        var criteria = inputs.Criteria();
        var findingId = inputs.OptionalText(InputNames.FindingId) is null ? null : inputs.RequiredId(InputNames.FindingId);
        if ((criteria is null) == (findingId is null))
        {
            throw GuardDutyInputs.Invalid(criteria is null ? InputNames.FilterCriteria : InputNames.FindingId,
                $"give either '{InputNames.FilterCriteria}' or '{InputNames.FindingId}' (exactly one of them)");
        }

        return RunAsync(region, detectorId, findingId, criteria,
            c => new FilterRequest { Name = filterName, Action = action, Rank = rank, Description = description, Criteria = c },
            cancellationToken);
    }

    private async Task<FunctionResult> RunAsync(string region, string detectorId, string? findingId, JObject? givenCriteria,
        Func<JObject, FilterRequest> request, CancellationToken cancellationToken)
    {
        var client = clients.GetClient(region);
        var criteria = givenCriteria;
        if (findingId is not null)
        {
            var lookup = await SoftFailure.RunAsync(logger, Name, async () =>
                (JToken?)(await client.GetFindingsAsync(detectorId, [findingId], cancellationToken: cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault() ?? JValue.CreateNull()).ConfigureAwait(false);
            if (!lookup.Success)
                return lookup;
            if (lookup.Content is not JObject finding)
                return FunctionResult.Failed(new JObject(), $"Finding {findingId} was not found in detector {detectorId} in {region}.");
            try
            {
                criteria = FindingFilterCriteria.From(finding);
            }
            catch (FormatException e)
            {
                return FunctionResult.Failed(new JObject(), $"No criteria could be built from finding {findingId}: {e.Message}.");
            }
        }

        var wireCriteria = (JObject)_converter.ToWire(criteria!, "FindingCriteria");
        var filter = request(wireCriteria);
        return await SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await client.CreateFilterAsync(detectorId, filter, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Created filter {FilterName} ({Action}) in detector {DetectorId} in {Region}",
                filter.Name, filter.Action, detectorId, region);
            var content = ResponseContent.From(response, "CreateFilterResponse");
            content.Remove("status");
            content["FindingCriteria"] = criteria!.DeepClone();
            content["status"] = "ok";
            return content;
        }).ConfigureAwait(false);
    }
}
