using System.Globalization;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>A finding as GetFindings returned it (wire JSON) with the members the poller decides on.</summary>
public sealed class PolledFinding
{
    private static readonly FindingConverter Converter = new();

    private PolledFinding(JObject wire, string id, long updatedAt, string? updatedAtText)
    {
        Wire = wire;
        Id = id;
        UpdatedAt = updatedAt;
        UpdatedAtText = updatedAtText;
    }

    public JObject Wire { get; }

    public string Id { get; }

    /// <summary>updatedAt in epoch milliseconds (0 when the finding has none).</summary>
    public long UpdatedAt { get; }

    /// <summary>updatedAt as GuardDuty sent it; compared with the incident's <c>aws_guardduty_finding_updated_at</c>.</summary>
    public string? UpdatedAtText { get; }

    public string? Type => Wire.Value<string>("type");

    public string? AccountId => Wire.Value<string>("accountId");

    public double? Severity => Wire["severity"] is JValue { Type: JTokenType.Integer or JTokenType.Float } v ? v.Value<double>() : null;

    public bool Archived => Wire["service"] is JObject service && service["archived"] is JValue { Type: JTokenType.Boolean } a && a.Value<bool>();

    /// <summary>The boto3-shaped copy the mapper takes.</summary>
    public JObject ToBoto() => Converter.ToBoto(Wire);

    /// <summary>Reads a GetFindings entry; null when it has no id.</summary>
    public static PolledFinding? From(JObject wire)
    {
        var id = wire.Value<string>("id");
        if (string.IsNullOrEmpty(id)) return null;
        var text = wire["updatedAt"] is JValue { Type: JTokenType.String } s ? s.Value<string>() : null;
        return new PolledFinding(wire, id, ParseEpochMs(wire["updatedAt"]), text);
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
