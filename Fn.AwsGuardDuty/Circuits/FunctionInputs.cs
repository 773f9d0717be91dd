using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// The normalized inputs of one call, with typed accessors. A required accessor throws
/// <see cref="InputValidationException"/> ("missing required input 'x'", "input 'x' must be a number").
/// </summary>
public sealed class FunctionInputs
{
    private readonly JObject _values;

    public FunctionInputs(JObject normalized) => _values = normalized;

    public IEnumerable<string> Names => _values.Properties().Select(p => p.Name);

    /// <summary>A copy of the normalized inputs, as echoed in the results envelope.</summary>
    public JObject ToJObject() => (JObject)_values.DeepClone();

    /// <summary>True when the input is present and not null (an empty string counts as absent).</summary>
    public bool Has(string name) => Value(name) is not null;

    public JToken? GetRaw(string name) => Value(name);

    public string? GetString(string name) => Value(name) switch
    {
        null => null,
        JValue { Type: JTokenType.String } v => (string?)v,
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture),
        _ => throw Invalid(name, "must be text"),
    };

    public string GetRequiredString(string name) => GetString(name) ?? throw Missing(name);

    public long? GetInt64(string name)
    {
        var value = Value(name);
        switch (value)
        {
            case null:
                return null;
            case JValue { Type: JTokenType.Integer } v:
                return Convert.ToInt64(v.Value, CultureInfo.InvariantCulture);
            case JValue { Type: JTokenType.Float } v when Convert.ToDouble(v.Value, CultureInfo.InvariantCulture) is var d
                                                          && d == Math.Floor(d) && Math.Abs(d) < 9.0e15:
                return (long)d;
            case JValue { Type: JTokenType.String } v when long.TryParse((string?)v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Invalid(name, "must be a number");
        }
    }

    public long GetRequiredInt64(string name) => GetInt64(name) ?? throw Missing(name);

    public int? GetInt32(string name)
    {
        var value = GetInt64(name);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Invalid(name, "is out of range");
        }

        return (int?)value;
    }

    public int GetRequiredInt32(string name) => GetInt32(name) ?? throw Missing(name);

    public bool? GetBoolean(string name) => Value(name) switch
    {
        null => null,
        JValue { Type: JTokenType.Boolean } v => (bool)v,
        JValue { Type: JTokenType.String } v when bool.TryParse((string?)v, out var parsed) => parsed,
        _ => throw Invalid(name, "must be true or false"),
    };

    public bool GetRequiredBoolean(string name) => GetBoolean(name) ?? throw Missing(name);

    /// <summary>A multiselect (already flattened to names) or a single value as a one-element list; absent gives an empty list.</summary>
    public IReadOnlyList<string> GetStringList(string name) => Value(name) switch
    {
        null => [],
        JArray array => array.Select(item => item is JValue v && v.Value is not null
            ? Convert.ToString(v.Value, CultureInfo.InvariantCulture)!
            : throw Invalid(name, "must be a list of values")).ToArray(),
        JValue v => [Convert.ToString(v.Value, CultureInfo.InvariantCulture)!],
        _ => throw Invalid(name, "must be a list of values"),
    };

    /// <summary>A datetimepicker/datepicker value: epoch milliseconds.</summary>
    public DateTimeOffset? GetDateTime(string name)
    {
        var ms = GetInt64(name);
        return ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
    }

    private JToken? Value(string name)
    {
        var value = _values[name];
        return value is null || value.Type == JTokenType.Null || (value.Type == JTokenType.String && (string?)value == "")
            ? null
            : value;
    }

    private static InputValidationException Missing(string name) => new(name, $"missing required input '{name}'");

    private static InputValidationException Invalid(string name, string problem) => new(name, $"input '{name}' {problem}");
}
