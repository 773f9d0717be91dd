using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// Turns SOAR's input encodings into plain values, as resilient-lib's validate_fields does (soar-protocol §3.4):
/// select <c>{"id","name"}</c> becomes the name, multiselect becomes a list of names, a text/textarea
/// <c>{"format","content"}</c> becomes the content when it is non-empty, dates stay epoch milliseconds.
/// <para>
/// Unlike resilient-circuits, <c>$VAR</c>/<c>${VAR}</c> inside input strings are NOT replaced from the environment:
/// an input is written by whoever edits a playbook or an incident field, and substituting it would let that person
/// read the integration server's environment (API secrets, AWS keys) through a function's result or a note.
/// </para>
/// </summary>
public static class InputNormalizer
{
    public static JObject Normalize(JObject? inputs)
    {
        var normalized = new JObject();
        if (inputs is null)
        {
            return normalized;
        }

        foreach (var property in inputs.Properties())
        {
            normalized[property.Name] = NormalizeValue(property.Value);
        }

        return normalized;
    }

    public static JToken NormalizeValue(JToken value) => value switch
    {
        JObject obj when NameOf(obj) is { } name => new JValue(name),
        JObject obj when obj.TryGetValue("content", out var content)
                         && content is JValue { Type: JTokenType.String } text
                         && !string.IsNullOrEmpty((string?)text) => new JValue((string?)text),
        JArray array => new JArray(array.Select(item => item is JObject o && NameOf(o) is { } n ? new JValue(n) : item.DeepClone())),
        _ => value.DeepClone(),
    };

    private static string? NameOf(JObject obj) =>
        obj.TryGetValue("name", out var name) && name is JValue { Value: not null } v && v.ToString() is { Length: > 0 } s ? s : null;
}
