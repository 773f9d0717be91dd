using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// How a stored value compares with a criterion value: booleans as "true"/"false", numbers numerically,
/// ISO timestamp strings as epoch milliseconds (exact 64-bit), numeric strings (e.g. an ASN) as numbers.
/// </summary>
internal static class FindingValues
{
    public static string Text(IndexedValue value) => value.Type switch
    {
        JTokenType.Boolean => value.Boolean ? "true" : "false",
        JTokenType.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        JTokenType.Float => value.Real.ToString("R", CultureInfo.InvariantCulture),
        _ => value.Text ?? "",
    };

    public static bool TryNumber(IndexedValue value, bool isTimestamp, out decimal number)
    {
        number = 0;
        switch (value.Type)
        {
            case JTokenType.Integer:
                number = value.Integer;
                return true;
            case JTokenType.Float:
                if (double.IsFinite(value.Real) && Math.Abs(value.Real) < 7.9e27)
                {
                    number = (decimal)value.Real;
                    return true;
                }

                return false;
            case JTokenType.String when isTimestamp && value.HasEpoch:
                number = value.Integer;
                return true;
            case JTokenType.String:
                return decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    public static bool EqualsText(IndexedValue value, string expected, bool isTimestamp)
    {
        if (string.Equals(Text(value), expected, StringComparison.Ordinal))
        {
            return true;
        }

        if (value.Type is JTokenType.Integer or JTokenType.Float || (isTimestamp && value.HasEpoch))
        {
            return TryNumber(value, isTimestamp, out var number)
                && decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted)
                && number == wanted;
        }

        return false;
    }
}
