using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>The ISO-8601 strings GuardDuty uses for string timestamps (<c>2024-11-19T18:12:05.011Z</c>) and epoch conversions.</summary>
public static class IsoTimestamp
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Length >= 10 && text[4] == '-' && text[7] == '-';

    public static bool TryParseEpochMilliseconds(string text, out long milliseconds)
    {
        if (TryParse(text, out var value))
        {
            milliseconds = value.ToUnixTimeMilliseconds();
            return true;
        }

        milliseconds = 0;
        return false;
    }

    /// <summary>rest-json <c>timestamp</c> members: epoch seconds as a JSON number, milliseconds as the fraction.</summary>
    public static decimal EpochSeconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000m;
}
