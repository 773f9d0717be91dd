using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.Poller;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// Reads an SQS message body into a <see cref="PushItem"/>: an EventBridge event, unwrapped first when an SNS
/// notification carries it, classified by source and detail-type (extensions.md §B). Pure: no I/O, never throws for bad input.
/// </summary>
public sealed class PushMessageReader
{
    private readonly FindingConverter converter = new();

    public PushItem Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new PushUnreadable("the message body is empty");
        }

        if (Parse(body) is not JObject root)
        {
            return new PushUnreadable("the message body is not a JSON object");
        }

        if (root.Value<string>("Type") == "Notification" && root["Message"] is JValue { Type: JTokenType.String } message)
        {
            if (Parse(message.Value<string>()!) is not JObject inner)
            {
                return new PushUnreadable("the SNS notification's Message is not a JSON object");
            }

            root = inner;
        }

        if (ReadEvent(root) is not { } evt)
        {
            return new PushUnreadable("the JSON is not an EventBridge event (it needs string members id, source and detail-type)");
        }

        if (evt.Source != PushEventTypes.GuardDutySource)
        {
            return new PushIgnored(evt, PushIgnoredReason.UnknownEvent, $"source {evt.Source}");
        }

        return evt.DetailType switch
        {
            PushEventTypes.FindingDetailType => ReadFinding(evt),
            PushEventTypes.MalwareScanDetailType => ReadMalware(evt),
            _ => new PushIgnored(evt, PushIgnoredReason.UnknownEvent, $"detail-type {evt.DetailType}"),
        };
    }

    private PushItem ReadFinding(EventBridgeEvent evt)
    {
        if (evt.Detail is not JObject detail)
        {
            return new PushUnreadable($"event {evt.Id}: a GuardDuty Finding event without a detail object");
        }

        var finding = PolledFinding.From(detail);
        if (finding is null)
        {
            return new PushUnreadable($"event {evt.Id}: the finding has no id");
        }

        var region = detail["region"] is JValue { Type: JTokenType.String } r ? r.Value<string>()! : evt.Region;
        if (string.IsNullOrEmpty(region))
        {
            return new PushUnreadable($"event {evt.Id}: finding {finding.Id} names no region");
        }

        JObject boto;
        try
        {
            boto = converter.ToBoto(detail);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or JsonException or OverflowException)
        {
            return new PushUnreadable($"event {evt.Id}: finding {finding.Id} does not parse: {e.Message}");
        }

        return new PushFinding(evt, finding, boto, region);
    }

    private static PushItem ReadMalware(EventBridgeEvent evt)
    {
        if (evt.Detail is not JObject detail || detail["scanResultDetails"] is not JObject result)
        {
            return new PushUnreadable($"event {evt.Id}: a malware scan result without detail.scanResultDetails");
        }

        var status = result.Value<string>("scanResultStatus");
        if (status != PushEventTypes.ThreatsFound)
        {
            return new PushIgnored(evt, PushIgnoredReason.MalwareScanWithoutThreats, $"scan result {status ?? "(none)"}");
        }

        return MalwareScanIncident.TryFrom(evt, out var incident, out var error)
            ? new PushMalware(evt, incident)
            : new PushUnreadable($"event {evt.Id}: {error}");
    }

    private static EventBridgeEvent? ReadEvent(JObject root)
    {
        string? Text(string name) => root[name] is JValue { Type: JTokenType.String } v ? v.Value<string>() : null;
        var id = Text("id");
        var source = Text("source");
        var detailType = Text("detail-type");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(source) || string.IsNullOrEmpty(detailType))
        {
            return null;
        }

        return new EventBridgeEvent(id, source, detailType, Text("account"), Text("time"), Text("region"), root["detail"], root);
    }

    private static JToken? Parse(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 128,
            };
            var token = JToken.ReadFrom(reader);
            return reader.Read() ? null : token;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
