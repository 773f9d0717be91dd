using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The filter functions' inputs, checked against the model's rules (CreateFilterRequest) before any AWS call:
/// name 3-64 of <c>[A-Za-z0-9._-]</c>, action NOOP/ARCHIVE, rank 1-100, description up to 512 characters, and
/// <c>aws_gd_filter_criteria</c> as boto3's FindingCriteria (see <see cref="Criteria"/>).
/// </summary>
public static partial class FilterInputs
{
    public const string Archive = "ARCHIVE";
    public const string Noop = "NOOP";
    public const int MaxDescriptionLength = 512;

    /// <summary>The Condition operators of the model, as boto3 names them, and whether each takes a list of strings.</summary>
    private static readonly Dictionary<string, bool> Operators = new(StringComparer.Ordinal)
    {
        ["Eq"] = true, ["Neq"] = true, ["Equals"] = true, ["NotEquals"] = true, ["Matches"] = true, ["NotMatches"] = true,
        ["Gt"] = false, ["Gte"] = false, ["Lt"] = false, ["Lte"] = false,
        ["GreaterThan"] = false, ["GreaterThanOrEqual"] = false, ["LessThan"] = false, ["LessThanOrEqual"] = false,
    };

    public static string FilterName(this FunctionInputs inputs)
    {
        var name = inputs.RequiredText(InputNames.FilterName);
        return name.Length is >= 3 and <= 64 && NamePattern().IsMatch(name)
            ? name
            : throw GuardDutyInputs.Invalid(InputNames.FilterName,
                $"must be 3 to 64 letters, digits, '.', '_' or '-' (no spaces), got '{GuardDutyInputs.Echo(name)}'");
    }

    /// <summary><c>aws_gd_filter_action</c>, case-insensitive; null when not given.</summary>
    public static string? FilterAction(this FunctionInputs inputs)
    {
        var action = inputs.OptionalText(InputNames.FilterAction)?.ToUpperInvariant();
        return action is null or Archive or Noop
            ? action
            : throw GuardDutyInputs.Invalid(InputNames.FilterAction, $"must be ARCHIVE or NOOP, got '{GuardDutyInputs.Echo(action)}'");
    }

    public static int? FilterRank(this FunctionInputs inputs) => inputs.OptionalCount(InputNames.FilterRank, 1, 100);

    public static string? FilterDescription(this FunctionInputs inputs)
    {
        var description = inputs.OptionalText(InputNames.FilterDescription);
        return description is null || description.Length <= MaxDescriptionLength
            ? description
            : throw GuardDutyInputs.Invalid(InputNames.FilterDescription, $"must be at most {MaxDescriptionLength} characters");
    }

    /// <summary>
    /// <c>aws_gd_filter_criteria</c> (or another input holding FindingCriteria): JSON text
    /// <c>{"Criterion": {field: {operator: value}}}</c> as boto3 takes it; list operators take a list of strings,
    /// comparisons a whole number. Null when not given. Returned in boto3's form.
    /// </summary>
    public static JObject? Criteria(this FunctionInputs inputs, string name = InputNames.FilterCriteria)
    {
        var text = inputs.OptionalText(name);
        if (text is null)
            return null;
        JObject criteria;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            criteria = JToken.ReadFrom(reader) as JObject ?? throw Bad(name, "must be a JSON object such as {\"Criterion\": {…}}");
        }
        catch (JsonException e)
        {
            throw Bad(name, $"is not valid JSON ({e.Message})");
        }

        if (criteria.Properties().Any(p => p.Name != "Criterion") || criteria["Criterion"] is not JObject { HasValues: true } criterion)
            throw Bad(name, "must be {\"Criterion\": {field: {operator: value}}} with at least one field");
        foreach (var field in criterion.Properties())
        {
            if (field.Value is not JObject { HasValues: true } condition)
                throw Bad(name, $"field '{GuardDutyInputs.Echo(field.Name)}' must map to an object of operators such as {{\"Eq\": [\"value\"]}}");
            foreach (var op in condition.Properties())
                CheckOperator(name, field.Name, op);
        }

        return criteria;
    }

    private static void CheckOperator(string name, string field, JProperty op)
    {
        if (!Operators.TryGetValue(op.Name, out var takesList))
            throw Bad(name, $"field '{GuardDutyInputs.Echo(field)}' has the unknown operator '{GuardDutyInputs.Echo(op.Name)}' (use {string.Join(", ", Operators.Keys)})");
        var valid = takesList
            ? op.Value is JArray { Count: > 0 } list && list.All(v => v.Type == JTokenType.String)
            : op.Value.Type == JTokenType.Integer;
        if (!valid)
            throw Bad(name, $"field '{GuardDutyInputs.Echo(field)}': {op.Name} takes {(takesList ? "a non-empty list of strings" : "a whole number")}");
    }

    private static InputValidationException Bad(string name, string problem) => GuardDutyInputs.Invalid(name, problem);

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
