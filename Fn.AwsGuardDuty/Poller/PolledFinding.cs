using System.Globalization;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// A finding as GetFindings returned it, with the members the poller decides on. The wire JSON is held as compact text,
/// not as a token tree: the poller buffers a few pages per detector and region ahead of SOAR, and as trees those were
/// most of the live heap while escalating (~50 KB a finding against ~8 KB as text), which the GC marked again and
/// again. The tree is rebuilt when the finding is handled.
/// </summary>
public sealed class PolledFinding
{
    private static readonly FindingConverter Converter = new();
    private readonly string _json;

    private PolledFinding(JObject wire, string id)
    {
        _json = wire.ToString(Formatting.None);
        Id = id;
        UpdatedAt = ParseEpochMs(wire["updatedAt"]);
        UpdatedAtText = wire["updatedAt"] is JValue { Type: JTokenType.String } s ? s.Value<string>() : null;
        Type = wire.Value<string>("type");
        AccountId = wire.Value<string>("accountId");
        Severity = wire["severity"] is JValue { Type: JTokenType.Integer or JTokenType.Float } v ? v.Value<double>() : null;
        Archived = wire["service"] is JObject service && service["archived"] is JValue { Type: JTokenType.Boolean } a && a.Value<bool>();
    }

    /// <summary>The wire JSON as a new tree (each call parses it again; the caller may change it).</summary>
    public JObject Wire => (JObject)WireJson.Parse(_json);

    public string Id { get; }

    /// <summary>updatedAt in epoch milliseconds (0 when the finding has none).</summary>
    public long UpdatedAt { get; }

    /// <summary>updatedAt as GuardDuty sent it; compared with the incident's <c>aws_guardduty_finding_updated_at</c>.</summary>
    public string? UpdatedAtText { get; }

    public string? Type { get; }

    public string? AccountId { get; }

    public double? Severity { get; }

    public bool Archived { get; }

    /// <summary>The boto3-shaped copy the mapper takes.</summary>
    public JObject ToBoto() => Converter.ToBoto(Wire);

    /// <summary>Reads a GetFindings entry; null when it has no id.</summary>
    public static PolledFinding? From(JObject wire)
    {
        var id = wire.Value<string>("id");
        return string.IsNullOrEmpty(id) ? null : new PolledFinding(wire, id);
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
