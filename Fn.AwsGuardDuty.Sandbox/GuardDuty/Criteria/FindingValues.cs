using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// How a stored value compares with a criterion value: booleans as "true"/"false", numbers numerically,
/// ISO timestamp strings as epoch milliseconds (exact 64-bit), numeric strings (e.g. an ASN) as numbers.
/// </summary>
internal static class FindingValues
{
    public static string Text(JValue value) => value.Type switch
    {
        JTokenType.Boolean => (bool)value! ? "true" : "false",
        JTokenType.Integer => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
        JTokenType.Float => ((double)value!).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
    };

    public static bool TryNumber(JValue value, bool isTimestamp, out decimal number)
    {
        number = 0;
        switch (value.Type)
        {
            case JTokenType.Integer:
                return decimal.TryParse(Convert.ToString(value.Value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
            case JTokenType.Float:
                var d = (double)value!;
                if (double.IsFinite(d) && Math.Abs(d) < 7.9e27)
                {
                    number = (decimal)d;
                    return true;
                }

                return false;
            case JTokenType.String:
                var text = (string)value!;
                if (isTimestamp && IsoTimestamp.TryParseEpochMilliseconds(text, out var milliseconds))
                {
                    number = milliseconds;
                    return true;
                }

                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    public static bool EqualsText(JValue value, string expected, bool isTimestamp)
    {
        if (string.Equals(Text(value), expected, StringComparison.Ordinal))
        {
            return true;
        }

        if (value.Type is JTokenType.Integer or JTokenType.Float || (isTimestamp && value.Type == JTokenType.String))
        {
            return TryNumber(value, isTimestamp, out var number)
                && decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted)
                && number == wanted;
        }

        return false;
    }
}
