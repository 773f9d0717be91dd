using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// Parses the <c>aws_gd_tags</c> text into the <c>Tags</c> map of CreateIPSet/CreateThreatIntelSet. Two forms:
/// <list type="bullet">
/// <item>The reference's <c>k1:v1, k2:v2</c>, improved (guardduty-app.md §4.5, §8 #26): each pair is split at its
/// FIRST <c>:</c> only, so <c>url:https://x/y</c> keeps <c>https://x/y</c>; a key or value may be written in double
/// quotes to hold a comma or leading/trailing spaces (<c>k2:"a,b"</c>; inside quotes <c>\"</c> is a quote and
/// <c>\\</c> a backslash); empty entries (<c>a:1,,b:2</c>, a trailing comma) are skipped.</item>
/// <item>A JSON object, <c>{"k1":"v1","k2":"a,b"}</c>; numbers and booleans become their text.</item>
/// </list>
/// Where the reference silently dropped a pair it could not read, this refuses the input with a
/// <see cref="FormatException"/> saying which pair is wrong. Blank text means "no tags" (nothing is sent, rather than
/// the reference's <c>Tags: {}</c>). Limits are GuardDuty's: at most 200 tags, keys 1–128 characters not starting
/// with <c>aws:</c>, values up to 256 characters, no key twice.
/// </summary>
public static class TagParser
{
    public const int MaxTags = 200;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>The tags, in the order written; empty for null or blank text.</summary>
    /// <exception cref="FormatException">The text cannot be read as tags; the message says where.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new Dictionary<string, string>(StringComparer.Ordinal);
        var trimmed = text.Trim();
        var pairs = trimmed.StartsWith('{') ? ParseJson(trimmed) : new PairReader(trimmed).ReadAll();
        return Validate(pairs);
    }

    private static Dictionary<string, string> Validate(List<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count > MaxTags)
            throw new FormatException($"has {pairs.Count} tags; GuardDuty accepts at most {MaxTags}");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (key.Length == 0)
                throw new FormatException($"has a tag with an empty key (value '{GuardDutyInputs.Echo(value)}')");
            if (key.Length > MaxKeyLength)
                throw new FormatException($"has the key '{GuardDutyInputs.Echo(key)}', longer than {MaxKeyLength} characters");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"has the key '{GuardDutyInputs.Echo(key)}'; keys starting with 'aws:' are reserved by AWS");
            if (value.Length > MaxValueLength)
                throw new FormatException($"has a value for '{GuardDutyInputs.Echo(key)}' longer than {MaxValueLength} characters");
            if (!tags.TryAdd(key, value))
                throw new FormatException($"gives the key '{GuardDutyInputs.Echo(key)}' twice");
        }

        return tags;
    }

    private static List<KeyValuePair<string, string>> ParseJson(string json)
    {
        JObject map;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            map = JObject.Load(reader);
            if (reader.Read())
                throw new FormatException("has text after the JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"looks like a JSON object but is not valid JSON ({e.Message})", e);
        }

        return map.Properties().Select(p => new KeyValuePair<string, string>(p.Name, p.Value switch
        {
            JValue { Type: JTokenType.String } s => (string)s!,
            JValue { Type: JTokenType.Boolean } b => (bool)b ? "true" : "false",
            JValue { Type: JTokenType.Integer or JTokenType.Float } n => Convert.ToString(n.Value, CultureInfo.InvariantCulture)!,
            JValue { Type: JTokenType.Null } => "",
            _ => throw new FormatException($"gives the key '{GuardDutyInputs.Echo(p.Name)}' a value that is not text"),
        })).ToList();
    }

    /// <summary>A small scanner for <c>key:value, key:"value, with comma"</c>.</summary>
    private sealed class PairReader(string text)
    {
        private int _pos;

        public List<KeyValuePair<string, string>> ReadAll()
        {
            var pairs = new List<KeyValuePair<string, string>>();
            while (true)
            {
                SkipSpaces();
                if (AtEnd)
                    return pairs;
                if (text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                var start = _pos;
                var key = ReadItem(':', ',');
                SkipSpaces();
                if (AtEnd || text[_pos] != ':')
                {
                    throw new FormatException(
                        $"has '{GuardDutyInputs.Echo(text[start.._pos].Trim())}' without a ':' between key and value " +
                        "(write key:value pairs separated by commas, e.g. env:prod, owner:\"a,b\")");
                }

                _pos++;
                var value = ReadItem(',', ',');
                pairs.Add(new(key, value));
                SkipSpaces();
                if (!AtEnd && text[_pos] != ',')
                {
                    throw new FormatException(
                        $"has text after the quoted value of '{GuardDutyInputs.Echo(key)}'; put a comma between pairs");
                }
            }
        }

        private bool AtEnd => _pos >= text.Length;

        private void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }

        /// <summary>A quoted item, or everything up to a stop character (or the end), trimmed.</summary>
        private string ReadItem(char stop, char alsoStop)
        {
            SkipSpaces();
            if (!AtEnd && text[_pos] == '"')
                return ReadQuoted();
            var start = _pos;
            while (!AtEnd && text[_pos] != stop && text[_pos] != alsoStop)
                _pos++;
            return text[start.._pos].Trim();
        }

        private string ReadQuoted()
        {
            var opened = _pos++;
            var value = new StringBuilder();
            while (!AtEnd)
            {
                var c = text[_pos++];
                if (c == '"')
                    return value.ToString();
                if (c == '\\' && !AtEnd && text[_pos] is '"' or '\\')
                    c = text[_pos++];
                value.Append(c);
            }

            throw new FormatException($"has a quote that is never closed: {GuardDutyInputs.Echo(text[opened..])}");
        }
    }
}
