using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Criteria;

/// <summary>
/// Builds the <c>findingCriteria</c> of ListFindings/GetFindingsStatistics (wire spec §3): fields AND together, the
/// values of <c>equals</c> OR together. Only the current operators are sent; numbers are 64-bit, and timestamps are
/// epoch milliseconds (the deprecated 32-bit <c>gte</c>… would overflow on <c>updatedAt</c>).
/// </summary>
public sealed class FindingCriteria
{
    /// <summary>The service accepts at most this many values per equals/notEquals.</summary>
    public const int MaxValuesPerCondition = 50;

    private static readonly Dictionary<string, string> DeprecatedOperators = new(StringComparer.Ordinal)
    {
        ["eq"] = "equals", ["neq"] = "notEquals", ["gt"] = "greaterThan", ["gte"] = "greaterThanOrEqual",
        ["lt"] = "lessThan", ["lte"] = "lessThanOrEqual",
    };

    private static readonly HashSet<string> ListOperators = new(StringComparer.Ordinal) { "equals", "notEquals" };

    private static readonly HashSet<string> NumberOperators = new(StringComparer.Ordinal)
    {
        "greaterThan", "greaterThanOrEqual", "lessThan", "lessThanOrEqual",
    };

    private readonly List<string> _order = [];
    private readonly Dictionary<string, JObject> _conditions = new(StringComparer.Ordinal);

    public bool IsEmpty => _order.Count == 0;

    /// <summary>Fields in the order they were first used.</summary>
    public IReadOnlyList<string> Fields => _order;

    /// <summary>The field matches any of <paramref name="values"/>; repeated calls add values.</summary>
    public FindingCriteria Equal(string field, params IEnumerable<string> values) => AddValues(field, "equals", values);

    /// <summary>The field matches none of <paramref name="values"/>; repeated calls add values.</summary>
    public FindingCriteria NotEqual(string field, params IEnumerable<string> values) => AddValues(field, "notEquals", values);

    public FindingCriteria GreaterThan(string field, long value) => SetNumber(field, "greaterThan", value);

    public FindingCriteria GreaterThanOrEqual(string field, long value) => SetNumber(field, "greaterThanOrEqual", value);

    public FindingCriteria LessThan(string field, long value) => SetNumber(field, "lessThan", value);

    public FindingCriteria LessThanOrEqual(string field, long value) => SetNumber(field, "lessThanOrEqual", value);

    public FindingCriteria GreaterThan(string field, DateTimeOffset value) => GreaterThan(field, value.ToUnixTimeMilliseconds());

    public FindingCriteria GreaterThanOrEqual(string field, DateTimeOffset value) =>
        GreaterThanOrEqual(field, value.ToUnixTimeMilliseconds());

    public FindingCriteria LessThan(string field, DateTimeOffset value) => LessThan(field, value.ToUnixTimeMilliseconds());

    public FindingCriteria LessThanOrEqual(string field, DateTimeOffset value) => LessThanOrEqual(field, value.ToUnixTimeMilliseconds());

    /// <summary><c>service.archived equals ["true"|"false"]</c>.</summary>
    public FindingCriteria Archived(bool archived) => Equal("service.archived", archived ? "true" : "false");

    /// <summary><c>{"criterion": {field: {operator: value}}}</c>, a fresh copy.</summary>
    public JObject ToJson()
    {
        var criterion = new JObject();
        foreach (var field in _order) criterion[field] = _conditions[field].DeepClone();
        return new JObject { ["criterion"] = criterion };
    }

    public override string ToString() => ToJson().ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>
    /// Reads criteria given as JSON (from a function input): either <c>{"criterion": {...}}</c> or the criterion map
    /// itself. Deprecated operators (<c>eq</c>, <c>gte</c>…) are accepted and translated. Throws
    /// <see cref="ArgumentException"/> with the offending field on anything else.
    /// </summary>
    public static FindingCriteria Parse(JToken json)
    {
        if (json is not JObject root) throw new ArgumentException("Finding criteria must be a JSON object.");
        var map = root.TryGetValue("criterion", StringComparison.Ordinal, out var inner) ? inner as JObject : root;
        if (map is null) throw new ArgumentException("'criterion' must be a JSON object.");
        var criteria = new FindingCriteria();
        foreach (var (field, condition) in map)
        {
            if (condition is not JObject operators)
                throw new ArgumentException($"Criterion '{field}' must be an object of operators.");
            foreach (var (rawOperator, value) in operators)
            {
                var op = DeprecatedOperators.GetValueOrDefault(rawOperator, rawOperator);
                if (ListOperators.Contains(op))
                {
                    var values = value switch
                    {
                        JArray array => array.Select(v => v.Type is JTokenType.Object or JTokenType.Array or JTokenType.Null
                            ? throw new ArgumentException($"Criterion '{field}' {rawOperator} takes strings.")
                            : JsonScalar(v)),
                        JValue single when single.Type != JTokenType.Null => [JsonScalar(single)],
                        _ => throw new ArgumentException($"Criterion '{field}' {rawOperator} takes a list of strings."),
                    };
                    criteria.AddValues(field, op, values.ToList());
                }
                else if (NumberOperators.Contains(op))
                {
                    if (value is null || value.Type is not (JTokenType.Integer or JTokenType.Float or JTokenType.String) ||
                        !long.TryParse(value.ToString(), System.Globalization.NumberStyles.Integer,
                            System.Globalization.CultureInfo.InvariantCulture, out var number))
                        throw new ArgumentException($"Criterion '{field}' {rawOperator} takes a whole number.");
                    criteria.SetNumber(field, op, number);
                }
                else
                {
                    throw new ArgumentException(
                        $"Criterion '{field}' uses '{rawOperator}'; ListFindings accepts equals, notEquals, greaterThan, " +
                        "greaterThanOrEqual, lessThan and lessThanOrEqual.");
                }
            }
        }
        return criteria;
    }

    private static string JsonScalar(JToken value) => value.Type == JTokenType.Boolean
        ? ((bool)value ? "true" : "false")
        : Convert.ToString(((JValue)value).Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private FindingCriteria AddValues(string field, string op, IEnumerable<string> values)
    {
        var list = values?.ToList() ?? throw new ArgumentNullException(nameof(values));
        if (list.Count == 0) throw new ArgumentException($"Criterion '{field}' {op} needs at least one value.");
        if (list.Any(v => v is null)) throw new ArgumentException($"Criterion '{field}' {op} has a null value.");
        var condition = Condition(field);
        var array = condition[op] is JArray existing ? new JArray(existing) : new JArray();
        foreach (var v in list)
            if (!array.Any(e => (string?)e == v)) array.Add(v);
        if (array.Count > MaxValuesPerCondition)
            throw new ArgumentException($"Criterion '{field}' {op} has {array.Count} values; GuardDuty accepts at most {MaxValuesPerCondition}.");
        condition[op] = array;
        return this;
    }

    private FindingCriteria SetNumber(string field, string op, long value)
    {
        Condition(field)[op] = value;
        return this;
    }

    private JObject Condition(string field)
    {
        if (string.IsNullOrWhiteSpace(field)) throw new ArgumentException("A criterion needs a field name.", nameof(field));
        if (!_conditions.TryGetValue(field, out var condition))
        {
            condition = new JObject();
            _conditions[field] = condition;
            _order.Add(field);
        }
        return condition;
    }
}
