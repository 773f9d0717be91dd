using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>Small readers for loosely typed wire members.</summary>
internal static class WireValues
{
    public static IReadOnlyDictionary<string, string> StringMap(JToken? token)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (token is JObject obj)
            foreach (var (key, value) in obj)
                map[key] = value is null || value.Type == JTokenType.Null ? "" : value.ToString();
        return map;
    }

    public static IReadOnlyList<string> StringList(JToken? token) =>
        token is JArray array ? array.Where(v => v.Type != JTokenType.Null).Select(v => v.ToString()).ToList() : [];

    /// <summary>
    /// Text of a string member; Newtonsoft turns ISO-looking strings into dates unless told not to, so this also
    /// renders a date back as ISO-8601 with milliseconds.
    /// </summary>
    public static string? Text(JToken? token) => token switch
    {
        null => null,
        JValue { Type: JTokenType.Null } => null,
        JValue { Value: DateTime d } => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        JValue { Value: DateTimeOffset d } => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    /// <summary>A missing or empty <c>nextToken</c> both mean "no more pages".</summary>
    public static string? NextToken(JObject response) =>
        response["nextToken"] is JValue { Type: JTokenType.String } v && !string.IsNullOrEmpty((string?)v) ? (string?)v : null;
}
