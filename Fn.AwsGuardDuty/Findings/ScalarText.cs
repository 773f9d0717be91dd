using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Turns a finding's scalar into the text SOAR receives, one rule for properties, cells and artifacts:
/// booleans become "True"/"False" (the reference's Python spelling); numbers become invariant text with no
/// trailing ".0", so 8 and 8.0 both give "8" and 5.5 gives "5.5"; timestamps become "yyyy-MM-dd HH:mm:ss"
/// (what the reference does to boto3 datetimes); null and containers give null.
/// </summary>
internal static class ScalarText
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public static string? From(JToken? token)
    {
        if (token is not JValue value)
            return null;
        return value.Type switch
        {
            JTokenType.String => (string?)value.Value,
            JTokenType.Boolean => (bool)value.Value! ? "True" : "False",
            JTokenType.Integer => value.Value switch
            {
                BigInteger big => big.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other?.ToString(),
            },
            JTokenType.Float => value.Value switch
            {
                decimal m => FormatNumber((double)m),
                float f => FormatNumber(f),
                double d => FormatNumber(d),
                var other => other is IConvertible c ? FormatNumber(c.ToDouble(CultureInfo.InvariantCulture)) : other?.ToString(),
            },
            JTokenType.Date => value.Value switch
            {
                DateTime dt => dt.ToString(TimestampFormat, CultureInfo.InvariantCulture),
                DateTimeOffset dto => dto.ToString(TimestampFormat, CultureInfo.InvariantCulture),
                var other => other?.ToString(),
            },
            JTokenType.Null or JTokenType.Undefined => null,
            JTokenType.Bytes => value.Value is byte[] bytes ? Convert.ToBase64String(bytes) : null,
            _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Integral values print without a fraction ("8"), others in shortest round-trip form ("5.5").</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 1e15)
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        return number.ToString("R", CultureInfo.InvariantCulture);
    }
}
