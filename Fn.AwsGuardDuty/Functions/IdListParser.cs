using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// Reads a list of ids from a text input: ids separated by commas, semicolons or whitespace (line breaks too), or a
/// JSON array of strings (<c>["id1","id2"]</c>). Duplicates are dropped, keeping the first occurrence and the order.
/// An id is 1–300 characters (GuardDuty's limit) of letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>;
/// anything else (a quote, a bracket, a slash) is refused by name rather than sent to AWS.
/// </summary>
public static class IdListParser
{
    public const int MaxIdLength = 300;

    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    /// <summary>The ids in <paramref name="text"/>; empty when the text is null or blank.</summary>
    /// <exception cref="FormatException">An id is not valid, or the JSON array is malformed.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var trimmed = text.Trim();
        return trimmed.StartsWith('[') ? Parse(JsonArrayItems(trimmed)) : Distinct(Split(trimmed));
    }

    /// <summary>The ids of several values (each may itself hold several ids).</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values) => Distinct(values.SelectMany(Split));

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static IEnumerable<string> Split(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> Distinct(IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var id in ids)
        {
            if (!IsValidId(id))
            {
                throw new FormatException(
                    $"holds '{GuardDutyInputs.Echo(id)}', which is not an id (ids are letters, digits, '-', '_', '.' or ':', " +
                    $"at most {MaxIdLength} characters, separated by commas or spaces)");
            }

            if (seen.Add(id))
                result.Add(id);
        }

        return result;
    }

    private static IEnumerable<string> JsonArrayItems(string json)
    {
        JArray array;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            array = JArray.Load(reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"looks like a JSON array but is not valid JSON ({e.Message})", e);
        }

        return array.Select(item => item.Type == JTokenType.String
            ? (string)item!
            : throw new FormatException("is a JSON array, so every item must be a string id"));
    }
}
