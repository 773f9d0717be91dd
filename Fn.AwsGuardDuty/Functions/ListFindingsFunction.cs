using System.Globalization;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_findings</c> (new-functions.md): ListFindings with criteria built from the inputs
/// (<c>severity ≥ aws_gd_severity_threshold</c>, <c>type</c> in <c>aws_gd_finding_types</c>,
/// <c>updatedAt ≥ aws_gd_updated_since</c>, <c>service.archived = aws_gd_archived</c> (default false)), newest update
/// first. At most <c>aws_gd_max_results</c> ids (default 50, up to 1000), from <c>aws_gd_next_token</c> when given.
/// Content <c>{"finding_ids":[…],"next_token":"…"|null}</c>; pass the token back with the same criteria to go on.
/// </summary>
public sealed class ListFindingsFunction(GuardDutyClientFactory clients, ILogger<ListFindingsFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ListFindings, "AWS GuardDuty: List Findings",
        "Lists the ids of the AWS GuardDuty findings that match the criteria given.",
        [InputNames.DetectorId, InputNames.Region, InputNames.SeverityThreshold, InputNames.FindingTypes, InputNames.UpdatedSince, InputNames.Archived, InputNames.MaxResults, InputNames.NextToken]);

    public const int DefaultMaxResults = 50;
    public const int MaxTotal = 1000;

    private static readonly SortCriteria NewestFirst = new("updatedAt", SortOrder.Descending);

    public string Name => FunctionNames.ListFindings;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var inputs = call.Inputs;
        var detectorId = inputs.DetectorId();
        var region = inputs.Region();
        var criteria = BuildCriteria(inputs);
        var maxResults = inputs.OptionalCount(InputNames.MaxResults, 1, MaxTotal) ?? DefaultMaxResults;
        var startToken = inputs.OptionalText(InputNames.NextToken);

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var client = clients.GetClient(region);
            var (ids, nextToken) = await PagedIdReader.ReadAsync(
                (token, size, ct) => client.ListFindingsPageAsync(detectorId, criteria, NewestFirst, token, size, ct),
                startToken, maxResults, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Listed {Count} finding id(s) of detector {DetectorId} in {Region} matching {Criteria}{More}",
                ids.Count, detectorId, region, criteria, nextToken is null ? "" : " (more remain)");
            return new JObject { ["finding_ids"] = new JArray(ids), ["next_token"] = nextToken };
        });
    }

    private static FindingCriteria BuildCriteria(FunctionInputs inputs)
    {
        var criteria = new FindingCriteria();
        if (SeverityThreshold(inputs) is { } severity)
            criteria.GreaterThanOrEqual("severity", severity);
        var types = FindingTypeList.Read(inputs);
        if (types.Count > 0)
            criteria.Equal("type", types);
        if (UpdatedSince(inputs) is { } since)
            criteria.GreaterThanOrEqual("updatedAt", since);
        criteria.Archived(inputs.GetBoolean(InputNames.Archived) ?? false);
        return criteria;
    }

    /// <summary>0–10, whole: ListFindings compares <c>severity</c> with a whole number (greaterThanOrEqual is a long).</summary>
    private static long? SeverityThreshold(FunctionInputs inputs)
    {
        const string name = InputNames.SeverityThreshold;
        var raw = inputs.GetRaw(name);
        double value;
        switch (raw)
        {
            case null:
                return null;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                value = Convert.ToDouble(number.Value, CultureInfo.InvariantCulture);
                break;
            case JValue { Type: JTokenType.String } text when string.IsNullOrWhiteSpace((string?)text):
                return null;
            case JValue { Type: JTokenType.String } text when double.TryParse((string?)text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                break;
            default:
                throw GuardDutyInputs.Invalid(name, $"must be a number from 0 to 10, got '{GuardDutyInputs.Echo(raw.ToString())}'");
        }

        if (double.IsNaN(value) || value < 0 || value > 10)
            throw GuardDutyInputs.Invalid(name, $"must be a number from 0 to 10, got {value.ToString(CultureInfo.InvariantCulture)}");
        if (value != Math.Floor(value))
        {
            throw GuardDutyInputs.Invalid(name,
                $"must be a whole number (GuardDuty's ListFindings compares severity with whole numbers), got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return (long)value;
    }

    private static long? UpdatedSince(FunctionInputs inputs)
    {
        long? ms;
        try
        {
            ms = inputs.GetInt64(InputNames.UpdatedSince);
        }
        catch (InputValidationException)
        {
            throw GuardDutyInputs.Invalid(InputNames.UpdatedSince, "must be a date and time (epoch milliseconds)");
        }

        return ms is null or >= 0
            ? ms
            : throw GuardDutyInputs.Invalid(InputNames.UpdatedSince, "must be a date and time (epoch milliseconds) after 1970");
    }
}
