using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// Reads <c>findingCriteria</c> strictly: known fields only, both operator spellings, integer bounds in range
/// (the deprecated <c>gt/gte/lt/lte</c> are 32-bit, the current ones 64-bit), string lists for equals,
/// and <c>matches</c>/<c>notMatches</c> (at most 5 patterns of 1-512 characters) only when
/// <paramref name="filterOperators"/> is set: the model allows them in CreateFilter/UpdateFilter alone.
/// </summary>
internal sealed class FindingCriteriaParser(FindingFieldCatalog catalog, bool filterOperators = false)
{
    private const int MaxEqualsValues = 50;
    private const int MaxMatchValues = 5;
    private const int MaxMatchLength = 512;
    private const string Member = "findingCriteria";

    public FindingCriteria Parse(JToken? findingCriteria)
    {
        if (findingCriteria is null || findingCriteria.Type == JTokenType.Null)
        {
            return FindingCriteria.Empty;
        }

        if (findingCriteria is not JObject criteriaObject)
        {
            throw GuardDutyErrors.InvalidParameter(Member);
        }

        var criterion = criteriaObject["criterion"];
        if (criterion is null || criterion.Type == JTokenType.Null)
        {
            return FindingCriteria.Empty;
        }

        if (criterion is not JObject fields)
        {
            throw GuardDutyErrors.InvalidParameter(Member);
        }

        var conditions = new List<CriterionCondition>();
        foreach (var field in fields.Properties())
        {
            if (!catalog.IsCriterionField(field.Name) || field.Value is not JObject condition)
            {
                throw GuardDutyErrors.InvalidParameter(Member);
            }

            var before = conditions.Count;
            foreach (var op in condition.Properties().Where(op => op.Value.Type != JTokenType.Null))
            {
                conditions.Add(ParseOperator(field.Name, op));
            }

            if (conditions.Count == before)
            {
                throw GuardDutyErrors.InvalidParameter(Member);
            }
        }

        return new FindingCriteria(conditions);
    }

    private CriterionCondition ParseOperator(string field, JProperty op)
    {
        var timestamp = catalog.IsTimestamp(field);
        return op.Name switch
        {
            "equals" or "eq" => new CriterionCondition(field, CriterionOperator.Equals, Strings(op.Value), 0, timestamp),
            "notEquals" or "neq" => new CriterionCondition(field, CriterionOperator.NotEquals, Strings(op.Value), 0, timestamp),
            "greaterThan" => Bound(field, CriterionOperator.GreaterThan, op.Value, long.MinValue, long.MaxValue, timestamp),
            "greaterThanOrEqual" => Bound(field, CriterionOperator.GreaterThanOrEqual, op.Value, long.MinValue, long.MaxValue, timestamp),
            "lessThan" => Bound(field, CriterionOperator.LessThan, op.Value, long.MinValue, long.MaxValue, timestamp),
            "lessThanOrEqual" => Bound(field, CriterionOperator.LessThanOrEqual, op.Value, long.MinValue, long.MaxValue, timestamp),
            "gt" => Bound(field, CriterionOperator.GreaterThan, op.Value, int.MinValue, int.MaxValue, timestamp),
            "gte" => Bound(field, CriterionOperator.GreaterThanOrEqual, op.Value, int.MinValue, int.MaxValue, timestamp),
            "lt" => Bound(field, CriterionOperator.LessThan, op.Value, int.MinValue, int.MaxValue, timestamp),
            "lte" => Bound(field, CriterionOperator.LessThanOrEqual, op.Value, int.MinValue, int.MaxValue, timestamp),
            "matches" when filterOperators => new CriterionCondition(field, CriterionOperator.Matches, Patterns(op.Value), 0, timestamp),
            "notMatches" when filterOperators => new CriterionCondition(field, CriterionOperator.NotMatches, Patterns(op.Value), 0, timestamp),
            _ => throw GuardDutyErrors.InvalidParameter(Member),
        };
    }

    private static List<string> Strings(JToken value)
    {
        if (value is not JArray array || array.Any(item => item.Type != JTokenType.String))
        {
            throw GuardDutyErrors.InvalidParameter(Member);
        }

        if (array.Count > MaxEqualsValues)
        {
            throw GuardDutyErrors.OutOfRange();
        }

        return array.Select(item => (string)item!).ToList();
    }

    private static List<string> Patterns(JToken value)
    {
        if (value is not JArray array || array.Any(item => item.Type != JTokenType.String))
        {
            throw GuardDutyErrors.InvalidParameter(Member);
        }

        var patterns = array.Select(item => (string)item!).ToList();
        return patterns.Count <= MaxMatchValues && patterns.All(p => p.Length is >= 1 and <= MaxMatchLength)
            ? patterns
            : throw GuardDutyErrors.OutOfRange();
    }

    private static CriterionCondition Bound(string field, CriterionOperator op, JToken value, long min, long max, bool timestamp)
    {
        if (value.Type != JTokenType.Integer)
        {
            throw GuardDutyErrors.InvalidParameter(Member);
        }

        // A JSON integer beyond 64 bits arrives as a BigInteger.
        if (value is not JValue { Value: long bound } || bound < min || bound > max)
        {
            throw GuardDutyErrors.OutOfRange();
        }

        return new CriterionCondition(field, op, [], bound, timestamp);
    }
}
