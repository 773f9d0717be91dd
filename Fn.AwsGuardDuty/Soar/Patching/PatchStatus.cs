using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>SOAR's answer to a PATCH: <c>{"success", "field_failures", "message", "title", "hints"}</c>.</summary>
public sealed record PatchStatus(bool Success, IReadOnlyList<FieldFailure> FieldFailures, string? Message, string? Title, IReadOnlyList<string> Hints)
{
    /// <summary>Parses a PatchStatus; the <c>success</c> key is required, as in the Python client.</summary>
    public static PatchStatus Parse(JToken? json)
    {
        if (json is not JObject obj || obj["success"] is not { Type: JTokenType.Boolean } success)
        {
            throw new SoarProtocolException("SOAR's PATCH answer has no boolean 'success'");
        }

        return new PatchStatus(success.Value<bool>(), ReadFailures(obj), ReadText(obj, "message"), ReadText(obj, "title"), ReadHints(obj));
    }

    /// <summary>The version or field values we patched against were stale: re-read and re-apply.</summary>
    public bool IsConflict =>
        !Success && (FieldFailures.Count > 0
            || Mentions("version") || Mentions("conflict") || Mentions("modified") || Mentions("stale"));

    internal static IReadOnlyList<FieldFailure> ReadFailures(JObject obj)
    {
        if (obj["field_failures"] is not JArray failures)
        {
            return [];
        }

        return failures.OfType<JObject>()
            .Select(f => new FieldFailure(
                ReadFieldName(f["field"]) ?? "(unnamed)",
                f["your_original_value"]?.DeepClone(),
                f["actual_current_value"]?.DeepClone()))
            .ToList();
    }

    private bool Mentions(string word) =>
        (Message?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || (Title?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? ReadFieldName(JToken? field) => field switch
    {
        JValue { Type: JTokenType.String } s => s.Value<string>(),
        JObject o => o.Value<string>("name") ?? o.Value<string>("id"),
        JValue v when v.Type != JTokenType.Null => v.ToString(),
        _ => null,
    };

    private static string? ReadText(JObject obj, string name) => obj[name]?.Type == JTokenType.String ? obj.Value<string>(name) : null;

    private static IReadOnlyList<string> ReadHints(JObject obj) =>
        obj["hints"] is JArray hints ? hints.Select(h => h.ToString()).ToList() : [];
}
