using System.Globalization;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// A finding as GetFindings returned it, with the members the poller decides on. The wire JSON is held as text, not
/// as a token tree: the poller keeps a few pages per detector and region ahead of SOAR, and as trees those were most of
/// the live heap while escalating (~50 KB a finding against ~8 KB as text). The tree is built when the finding is
/// handled; one the poller skips (unchanged, filtered out) never becomes a tree. A finding read from a tree (a push
/// event's detail, handled at once and one at a time) keeps that tree.
/// </summary>
public sealed class PolledFinding
{
    private static readonly FindingConverter Converter = new();
    private readonly string? _json;
    private readonly JObject? _tree;

    private PolledFinding(string? json, JObject? tree, string id, JToken? updatedAt, JToken? type, JToken? accountId, JToken? severity,
        JToken? service)
    {
        _json = json;
        _tree = tree;
        Id = id;
        UpdatedAt = ParseEpochMs(updatedAt);
        UpdatedAtText = updatedAt is JValue { Type: JTokenType.String } s ? s.Value<string>() : null;
        Type = Text(type);
        AccountId = Text(accountId);
        Severity = severity is JValue { Type: JTokenType.Integer or JTokenType.Float } v ? v.Value<double>() : null;
        Archived = service?["archived"] is JValue { Type: JTokenType.Boolean } a && a.Value<bool>();
        DetectorId = service?["detectorId"] is JValue { Type: JTokenType.String } d && d.Value<string>() is { Length: > 0 } detector
            ? detector
            : null;
    }

    /// <summary>The wire JSON as a new tree, the caller's to change.</summary>
    public JObject Wire => _tree is { } tree ? (JObject)tree.DeepClone() : (JObject)WireJson.Parse(_json!);

    public string Id { get; }

    /// <summary>updatedAt in epoch milliseconds (0 when the finding has none).</summary>
    public long UpdatedAt { get; }

    /// <summary>updatedAt as GuardDuty sent it; compared with the incident's <c>aws_guardduty_finding_updated_at</c>.</summary>
    public string? UpdatedAtText { get; }

    public string? Type { get; }

    public string? AccountId { get; }

    public double? Severity { get; }

    public bool Archived { get; }

    /// <summary><c>service.detectorId</c>, when it is a non-empty string.</summary>
    public string? DetectorId { get; }

    /// <summary>The boto3-shaped copy the mapper takes (the conversion builds a new tree and leaves its input as it is).</summary>
    public JObject ToBoto() => Converter.ToBoto(_tree ?? (JObject)WireJson.Parse(_json!));

    /// <summary>Reads a finding already parsed (a push event's detail) and keeps that tree, which the caller must no longer change; null when it has no id.</summary>
    public static PolledFinding? From(JObject wire)
    {
        var id = Text(wire["id"]);
        return string.IsNullOrEmpty(id)
            ? null
            : new PolledFinding(null, wire, id, wire["updatedAt"], wire["type"], wire["accountId"], wire["severity"], wire["service"] as JObject);
    }

    /// <summary>
    /// Reads one finding's JSON text (<see cref="GuardDuty.IGuardDutyClient.GetFindingsJsonAsync"/>) in one forward pass,
    /// taking the members above and skipping the rest; null when it has no id. Throws <see cref="JsonException"/> when
    /// the text is not a JSON object.
    /// </summary>
    public static PolledFinding? FromJson(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 256,
        };
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            throw new JsonReaderException("a finding must be a JSON object");
        JToken? id = null, updatedAt = null, type = null, accountId = null, severity = null;
        JObject? service = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            switch (name)
            {
                case "id": id = Scalar(reader); break;
                case "updatedAt": updatedAt = Scalar(reader); break;
                case "type": type = Scalar(reader); break;
                case "accountId": accountId = Scalar(reader); break;
                case "severity": severity = Scalar(reader); break;
                case "service" when reader.TokenType == JsonToken.StartObject: service = ServiceMembers(reader); break;
                default: reader.Skip(); break;
            }
        }

        var text = Text(id);
        return string.IsNullOrEmpty(text) ? null : new PolledFinding(json, null, text, updatedAt, type, accountId, severity, service);
    }

    /// <summary>A member's value as text, as <c>JToken.Value&lt;string&gt;</c> gives it; null for an object or array.</summary>
    private static string? Text(JToken? token) => token is JValue value ? value.Value<string>() : null;

    /// <summary>The value the reader is on, when it is a scalar; an object or array is skipped (null).</summary>
    private static JValue? Scalar(JsonReader reader)
    {
        if (reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
        {
            reader.Skip();
            return null;
        }

        return reader.TokenType == JsonToken.Null ? JValue.CreateNull() : new JValue(reader.Value);
    }

    /// <summary>
    /// <c>service</c>'s <c>archived</c> and <c>detectorId</c> (when scalars), with the reader on the start of
    /// <c>service</c>; leaves it on its end.
    /// </summary>
    private static JObject ServiceMembers(JsonReader reader)
    {
        var service = new JObject();
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            if (name is not ("archived" or "detectorId")) reader.Skip();
            else if (Scalar(reader) is { } value) service[name] = value;
        }

        return service;
    }

    /// <summary>An ISO-8601 string (or a number of epoch seconds, as some SDKs render it) as epoch milliseconds; 0 when unreadable.</summary>
    public static long ParseEpochMs(JToken? value)
    {
        switch (value?.Type)
        {
            case JTokenType.String when DateTimeOffset.TryParse((string?)value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                return parsed.ToUnixTimeMilliseconds();
            case JTokenType.Integer or JTokenType.Float:
                return (long)Math.Round(value.Value<double>() * 1000);
            default:
                return 0;
        }
    }
}
