using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>
/// Builders for query conditions. Custom incident fields are addressed as <c>properties.&lt;name&gt;</c>;
/// <see cref="Property"/> writes that for you.
/// </summary>
public static class SoarFilter
{
    public static string Property(string apiName) => "properties." + RequireField(apiName);

    public static QueryCondition Equal(string field, JToken value) => new(RequireField(field), "equals", RequireValue(value));

    public static QueryCondition NotEqual(string field, JToken value) => new(RequireField(field), "not_equals", RequireValue(value));

    public static QueryCondition In(string field, IEnumerable<JToken> values) => new(RequireField(field), "in", RequireValues(values, "in"));

    public static QueryCondition In(string field, params string[] values) => In(field, values.Select(v => (JToken)v));

    public static QueryCondition NotIn(string field, IEnumerable<JToken> values) => new(RequireField(field), "not_in", RequireValues(values, "not_in"));

    public static QueryCondition HasAValue(string field) => new(RequireField(field), "has_a_value", null);

    public static QueryCondition DoesNotHaveAValue(string field) => new(RequireField(field), "does_not_have_a_value", null);

    public static QueryCondition Contains(string field, string value) => new(RequireField(field), "contains", RequireValue(value));

    public static QueryCondition GreaterOrEqual(string field, JToken value) => new(RequireField(field), "gte", RequireValue(value));

    public static QueryCondition LessOrEqual(string field, JToken value) => new(RequireField(field), "lte", RequireValue(value));

    public static QueryCondition PlanStatus(IncidentPlanStatus status) =>
        new("plan_status", "equals", status == IncidentPlanStatus.Active ? "A" : "C");

    public static QueryFilter All(params QueryCondition[] conditions) => new(conditions, QueryLogic.All);

    public static QueryFilter Any(params QueryCondition[] conditions) => new(conditions, QueryLogic.Any);

    private static string RequireField(string field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            throw new ArgumentException("A query condition needs a field name", nameof(field));
        }

        return field;
    }

    private static JToken RequireValue(JToken? value) =>
        value is null || value.Type == JTokenType.Null
            ? throw new ArgumentException("A query condition needs a value; use HasAValue/DoesNotHaveAValue to test for null", nameof(value))
            : value;

    private static JArray RequireValues(IEnumerable<JToken> values, string method)
    {
        var array = new JArray(values.Select(RequireValue));
        return array.Count == 0 ? throw new ArgumentException($"'{method}' needs at least one value", nameof(values)) : array;
    }
}
