using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Requests;

/// <summary>
/// Typed, validated access to a rest-json request body. Types, required members and enums that do not fit give
/// "parameter X has an invalid value"; lengths and ranges outside the model give the generic out-of-range error.
/// A JSON null counts as absent (SDKs omit unset members). Unknown members are ignored, as AWS does.
/// </summary>
internal sealed partial class RequestMembers(JObject body)
{
    public JObject Body { get; } = body;

    public JToken? Raw(string name) => Body[name] is { Type: not JTokenType.Null } token ? token : null;

    public string? OptionalString(string name, int minLength = 0, int maxLength = int.MaxValue)
    {
        var token = Raw(name);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        var value = (string)token!;
        if (value.Length < minLength || value.Length > maxLength)
        {
            throw GuardDutyErrors.OutOfRange();
        }

        return value;
    }

    public string RequiredString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        OptionalString(name, minLength, maxLength) ?? throw GuardDutyErrors.InvalidParameter(name);

    public string? OptionalEnum(string name, params string[] allowed)
    {
        var value = OptionalString(name);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        return value;
    }

    public string RequiredEnum(string name, params string[] allowed) =>
        OptionalEnum(name, allowed) ?? throw GuardDutyErrors.InvalidParameter(name);

    public int? OptionalInt(string name, int min, int max)
    {
        var token = Raw(name);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Integer)
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        if (token is not JValue { Value: long value } || value < min || value > max)
        {
            throw GuardDutyErrors.OutOfRange();
        }

        return (int)value;
    }

    public bool? OptionalBool(string name)
    {
        var token = Raw(name);
        if (token is null)
        {
            return null;
        }

        return token.Type == JTokenType.Boolean ? (bool)token : throw GuardDutyErrors.InvalidParameter(name);
    }

    public bool RequiredBool(string name) => OptionalBool(name) ?? throw GuardDutyErrors.InvalidParameter(name);

    public IReadOnlyList<string>? OptionalStringList(string name, int maxItems, int itemMinLength, int itemMaxLength)
    {
        var token = Raw(name);
        if (token is null)
        {
            return null;
        }

        if (token is not JArray array || array.Any(item => item.Type != JTokenType.String))
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        var items = array.Select(item => (string)item!).ToList();
        if (items.Count > maxItems || items.Any(item => item.Length < itemMinLength || item.Length > itemMaxLength))
        {
            throw GuardDutyErrors.OutOfRange();
        }

        return items;
    }

    public IReadOnlyList<string> RequiredStringList(string name, int maxItems, int itemMinLength, int itemMaxLength) =>
        OptionalStringList(name, maxItems, itemMinLength, itemMaxLength) ?? throw GuardDutyErrors.InvalidParameter(name);

    /// <summary>A TagMap: 1-200 entries, keys 1-128 of <c>(?!aws:)[a-zA-Z+-=._:/]+</c>, values 0-256.</summary>
    public Dictionary<string, string>? OptionalTags(string name = "tags")
    {
        var token = Raw(name);
        if (token is null)
        {
            return null;
        }

        if (token is not JObject map || map.Properties().Any(pair => pair.Value.Type != JTokenType.String))
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        var tags = map.Properties().ToDictionary(pair => pair.Name, pair => (string)pair.Value!, StringComparer.Ordinal);
        if (tags.Count is < 1 or > 200
            || tags.Any(pair => pair.Key.Length is < 1 or > 128 || pair.Value.Length > 256))
        {
            throw GuardDutyErrors.OutOfRange();
        }

        if (tags.Keys.Any(key => !TagKeyPattern().IsMatch(key)))
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        return tags;
    }

    // The model's pattern: the class "+-=" is the range '+'..'=', which covers digits, ',', '-', '.', '/', ':', ';', '<', '='.
    [GeneratedRegex("^(?!aws:)[a-zA-Z+-=._:/]+$")]
    private static partial Regex TagKeyPattern();
}
