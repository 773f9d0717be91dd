using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Cell texts of the attack-sequence tables (extensions.md §A): lists joined with ", ", and the signals' timestamps as
/// ISO 8601 UTC with milliseconds (<c>2024-11-19T18:12:05.011Z</c>, the form GuardDuty writes its own string timestamps in),
/// whichever form they arrive in: the wire's epoch seconds, an ISO string (boto3 shape), or the reference's
/// "yyyy-MM-dd HH:mm:ss" (UTC) that <see cref="FindingNormalizer"/> leaves from a date token.
/// </summary>
internal static class SequenceText
{
    public const string ListSeparator = ", ";
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The non-empty scalar texts of a list joined, or null when there are none (or it is no list).</summary>
    public static string? List(JToken? token)
    {
        if (token is not JArray array)
            return ScalarText.From(token) is { Length: > 0 } single ? single : null;
        var items = array.Select(ScalarText.From).Where(s => !string.IsNullOrEmpty(s)).ToList();
        return items.Count == 0 ? null : string.Join(ListSeparator, items);
    }

    /// <summary>The instant as ISO 8601 UTC; a text that is no timestamp is kept as it is; null when absent.</summary>
    public static string? Timestamp(JToken? token)
    {
        DateTimeOffset? instant = token switch
        {
            JValue { Type: JTokenType.Integer or JTokenType.Float } number => FromEpochSeconds(number.Value<double>()),
            JValue { Type: JTokenType.Date, Value: DateTimeOffset dto } => dto,
            JValue { Type: JTokenType.Date, Value: DateTime dt } => new DateTimeOffset(DateTime.SpecifyKind(dt,
                dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)),
            JValue { Type: JTokenType.String, Value: string text } when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
            _ => null,
        };
        if (instant is { } value)
            return value.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);
        return ScalarText.From(token) is { Length: > 0 } kept ? kept : null;
    }

    private static DateTimeOffset? FromEpochSeconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero))
            : null;
}
