using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>
/// Turns JSON values into the scalar the emulator stores for a field, renders them back (ids or names, per
/// <c>handle_format</c>), and compares them in queries and PATCH old values. Values SOAR would refuse get a 400.
/// </summary>
internal static class SoarValueCodec
{
    /// <summary>PATCH wraps values as <c>{"object": v}</c> (or text, id, ids, boolean, date, textarea, number).</summary>
    private static readonly string[] PatchWrappers = ["object", "text", "id", "ids", "boolean", "date", "textarea", "number", "name"];

    public static JToken? UnwrapPatchValue(JToken? token)
    {
        if (token is JObject obj && obj.Count == 1 && PatchWrappers.Contains(obj.Properties().First().Name))
        {
            return obj.Properties().First().Value;
        }

        return token;
    }

    public static object? Normalize(SoarFieldDefinition field, JToken? token)
    {
        if (token is null || token.Type is JTokenType.Null or JTokenType.Undefined)
        {
            return null;
        }

        if (field.Name == "plan_status" && field.TypeName == "incident")
        {
            return token.Type == JTokenType.String ? token.Value<string>() switch
            {
                "A" or "Active" => "A",
                "C" or "Closed" => "C",
                var other => throw Invalid(field, other ?? "null"),
            } : throw Invalid(field, token.ToString());
        }

        switch (field.InputType)
        {
            case "text":
                return token.Type switch
                {
                    JTokenType.String => token.Value<string>(),
                    JTokenType.Integer or JTokenType.Float => Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture),
                    JTokenType.Boolean => token.Value<bool>() ? "true" : "false",
                    _ => throw Invalid(field, token.ToString(Newtonsoft.Json.Formatting.None)),
                };
            case "textarea":
                if (token is JObject rich)
                {
                    var content = rich["content"];
                    if (content is null || content.Type is not (JTokenType.String or JTokenType.Null))
                    {
                        throw SoarHttpException.BadRequest($"Field '{field.Name}' expects text or {{\"format\", \"content\"}}.");
                    }

                    return content.Value<string?>();
                }

                return token.Type == JTokenType.String ? token.Value<string>() : throw Invalid(field, token.ToString(Newtonsoft.Json.Formatting.None));
            case "boolean":
                return token.Type switch
                {
                    JTokenType.Boolean => token.Value<bool>(),
                    JTokenType.String when bool.TryParse(token.Value<string>(), out var b) => b,
                    _ => throw Invalid(field, token.ToString()),
                };
            case "number":
                return token.Type switch
                {
                    JTokenType.Integer => token.Value<long>(),
                    JTokenType.Float => token.Value<double>(),
                    JTokenType.String when long.TryParse(token.Value<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                    JTokenType.String when double.TryParse(token.Value<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                    _ => throw Invalid(field, token.ToString()),
                };
            case "datetimepicker":
            case "datepicker":
                return ParseDate(field, token);
            case "select":
                if (token is JObject named && (named["name"] ?? named["id"]) is { } inner)
                {
                    token = inner;
                }

                return (field.FindValue(token) ?? throw Invalid(field, token.ToString())).Value;
            case "multiselect":
                var items = token is JArray array ? array.ToList() : [token];
                return items.Select(i => (field.FindValue(i) ?? throw Invalid(field, i.ToString())).Value).ToArray();
            default:
                throw SoarHttpException.BadRequest($"Field '{field.Name}' has unsupported input type '{field.InputType}'.");
        }
    }

    public static JToken Render(SoarFieldDefinition field, object? value, bool names)
    {
        switch (value)
        {
            case null:
                return JValue.CreateNull();
            case long id when field.InputType == "select":
                return names ? new JValue(field.Values.FirstOrDefault(v => v.Value == id)?.Label ?? id.ToString(CultureInfo.InvariantCulture)) : new JValue(id);
            case long[] ids:
                return new JArray(ids.Select(i => names ? (object?)field.Values.FirstOrDefault(v => v.Value == i)?.Label ?? i : i));
            default:
                return new JValue(value);
        }
    }

    /// <summary>Whether a stored value equals a given JSON value, accepting ids or names for selects.</summary>
    public static bool ValueEquals(SoarFieldDefinition field, object? stored, JToken? given)
    {
        given = UnwrapPatchValue(given);
        if (given is null || given.Type == JTokenType.Null)
        {
            return stored is null;
        }

        if (stored is null)
        {
            return false;
        }

        object? normalized;
        try
        {
            normalized = Normalize(field, given);
        }
        catch (SoarHttpException)
        {
            return false;
        }

        return normalized switch
        {
            long[] a when stored is long[] b => a.Order().SequenceEqual(b.Order()),
            long or double when stored is long or double => Convert.ToDouble(normalized, CultureInfo.InvariantCulture) == Convert.ToDouble(stored, CultureInfo.InvariantCulture),
            _ => Equals(normalized, stored),
        };
    }

    public static bool HasValue(object? stored) => stored switch
    {
        null => false,
        string s => s.Length > 0,
        long[] a => a.Length > 0,
        _ => true,
    };

    public static string? AsText(object? stored) => stored switch
    {
        null => null,
        long[] a => string.Join(",", a),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => stored.ToString(),
    };

    private static long ParseDate(SoarFieldDefinition field, JToken token)
    {
        switch (token.Type)
        {
            case JTokenType.Integer:
                return token.Value<long>();
            case JTokenType.Float:
                return (long)token.Value<double>();
            case JTokenType.String:
                var text = token.Value<string>()!;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                {
                    return ms;
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return date.ToUnixTimeMilliseconds();
                }

                break;
        }

        throw Invalid(field, token.ToString());
    }

    private static SoarHttpException Invalid(SoarFieldDefinition field, string value) =>
        SoarHttpException.BadRequest($"Invalid value '{Truncate(value)}' for field '{field.Name}' ({field.InputType}).");

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "...";
}
