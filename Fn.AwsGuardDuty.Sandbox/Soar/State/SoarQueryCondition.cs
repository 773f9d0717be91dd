using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>One compiled query condition: a field, how to read it from a <typeparamref name="T"/>, a method and a value.</summary>
internal sealed class SoarQueryCondition<T>(SoarFieldDefinition field, Func<T, object?> read, string method, JToken? value)
{
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal)
    {
        "equals", "not_equals", "in", "not_in", "contains", "not_contains", "has_a_value", "does_not_have_a_value",
        "gt", "gte", "lt", "lte",
    };

    public static SoarQueryCondition<T> Compile(JToken token, Func<string, (SoarFieldDefinition Field, Func<T, object?> Read)?> resolve)
    {
        if (token is not JObject condition)
        {
            throw SoarHttpException.BadRequest("Each condition must be an object with field_name, method and value.");
        }

        var name = condition["field_name"]?.Value<string?>();
        if (string.IsNullOrEmpty(name))
        {
            throw SoarHttpException.BadRequest("A condition has no field_name.");
        }

        var method = condition["method"]?.Value<string?>() ?? throw SoarHttpException.BadRequest($"The condition on '{name}' has no method.");
        if (!Methods.Contains(method))
        {
            throw SoarHttpException.BadRequest($"Unknown condition method '{method}' (supported: {string.Join(", ", Methods)}).");
        }

        var value = condition["value"];
        if (method is "in" or "not_in" && value is not JArray)
        {
            throw SoarHttpException.BadRequest($"The '{method}' condition on '{name}' needs a list value.");
        }

        if (method is not ("has_a_value" or "does_not_have_a_value") && value is null)
        {
            throw SoarHttpException.BadRequest($"The '{method}' condition on '{name}' needs a value.");
        }

        var resolved = resolve(name) ?? throw SoarHttpException.BadRequest($"Unknown field '{name}' in query condition.");
        return new SoarQueryCondition<T>(resolved.Field, resolved.Read, method, value);
    }

    public bool Matches(T item)
    {
        var stored = read(item);
        return method switch
        {
            "equals" => SoarValueCodec.ValueEquals(field, stored, value),
            "not_equals" => !SoarValueCodec.ValueEquals(field, stored, value),
            "in" => value!.Any(v => SoarValueCodec.ValueEquals(field, stored, v)),
            "not_in" => !value!.Any(v => SoarValueCodec.ValueEquals(field, stored, v)),
            "contains" => Contains(stored),
            "not_contains" => !Contains(stored),
            "has_a_value" => SoarValueCodec.HasValue(stored),
            "does_not_have_a_value" => !SoarValueCodec.HasValue(stored),
            _ => Compare(stored) is { } c && method switch
            {
                "gt" => c > 0,
                "gte" => c >= 0,
                "lt" => c < 0,
                _ => c <= 0,
            },
        };
    }

    private bool Contains(object? stored)
    {
        var wanted = value is JArray list ? list.ToList() : [value!];
        if (stored is long[] ids)
        {
            return wanted.Any(w => field.FindValue(w) is { } v && ids.Contains(v.Value));
        }

        var text = SoarValueCodec.AsText(stored);
        return text is not null && wanted.Any(w => text.Contains(w.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private int? Compare(object? stored)
    {
        if (stored is null || value is null)
        {
            return null;
        }

        if (stored is long or double)
        {
            try
            {
                var given = SoarValueCodec.Normalize(field, value);
                return given is long or double
                    ? Convert.ToDouble(stored, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(given, CultureInfo.InvariantCulture))
                    : null;
            }
            catch (SoarHttpException)
            {
                return null;
            }
        }

        return string.CompareOrdinal(SoarValueCodec.AsText(stored), value.ToString());
    }
}
