using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// Reads a function message loosely: unknown keys are ignored, and only what the runtime needs must be there
/// (a JSON object with <c>function.name</c>; <c>inputs</c> an object when present).
/// </summary>
public static class FunctionMessageParser
{
    public const string ContextTokenHeader = "Co3ContextToken";
    public const string TimestampHeader = "timestamp";
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    public static FunctionMessage Parse(StompMessage message) => Parse(RequestOf(message));

    /// <summary>The transport-free view of a STOMP MESSAGE (a message without message-id gets one named after its ack id).</summary>
    public static FunctionRequest RequestOf(StompMessage message) =>
        new(MessageIdOf(message), message.Body)
        {
            ReplyTo = message.GetHeader(StompHeaders.ReplyTo),
            CorrelationId = message.GetHeader(StompHeaders.CorrelationId),
            ContextToken = message.GetHeader(ContextTokenHeader),
            Timestamp = message.GetHeader(TimestampHeader),
        };

    /// <summary>A MESSAGE without message-id breaks the protocol; it is still run once, under a name made of its ack id.</summary>
    public static string MessageIdOf(StompMessage message) => message.MessageId ?? $"(no message-id) ack {message.AckId}";

    public static FunctionMessage Parse(FunctionRequest message)
    {
        var body = ParseBody(message.Body);
        if (body["function"] is not JObject function)
        {
            throw new InvalidFunctionMessageException(
                "the message has no 'function': rule (action) messages are not handled by this app; call its functions from a playbook or workflow");
        }

        var name = function["name"] is JValue { Type: JTokenType.String } n ? (string?)n : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidFunctionMessageException("the message's 'function' has no 'name'");
        }

        var inputs = body["inputs"] switch
        {
            null or { Type: JTokenType.Null } => new JObject(),
            JObject obj => obj,
            _ => throw new InvalidFunctionMessageException("the message's 'inputs' is not a JSON object"),
        };

        var metadata = new FunctionMetadata
        {
            FunctionName = name,
            FunctionId = Long(function["id"]),
            MessageId = message.MessageId,
            CorrelationId = message.CorrelationId,
            ReplyTo = message.ReplyTo,
            ContextToken = message.ContextToken,
            Timestamp = long.TryParse(message.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts) ? ts : null,
            PrincipalName = Text(Member(body, "principal", "name")),
            PrincipalDisplayName = Text(Member(body, "principal", "display_name")),
            PrincipalType = Text(Member(body, "principal", "type")),
            WorkflowId = Long(Member(body, "workflow", "workflow_id")),
            WorkflowProgrammaticName = Text(Member(body, "workflow", "programmatic_name")),
            WorkflowInstanceId = Long(Member(body, "workflow_instance", "workflow_instance_id")),
            PlaybookInstanceId = Long(Member(body, "playbook_instance", "playbook_instance_id"))
                ?? Long(Member(body, "playbook_instance", "id")),
        };

        return new FunctionMessage(body, metadata, new FunctionInputs(InputNormalizer.Normalize(inputs)));
    }

    /// <summary>Parses the body as a JSON object. Date-like strings stay strings.</summary>
    public static JObject ParseBody(ReadOnlyMemory<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            // resilient-circuits falls back to a lenient decode too; invalid sequences become U+FFFD.
            text = Encoding.UTF8.GetString(bytes.Span);
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
            };
            var token = JToken.ReadFrom(reader, NoLineInfo);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("additional content after the JSON value");
            }

            return token as JObject ?? throw new InvalidFunctionMessageException($"the message body is JSON but not an object (it is {token.Type})");
        }
        catch (JsonException ex)
        {
            throw new InvalidFunctionMessageException($"the message body is not valid JSON: {ex.Message}");
        }
    }

    // body["a"]["b"] when "a" is an object: what SelectToken("a.b") finds, without parsing a JSON path per message.
    private static JToken? Member(JObject body, string parent, string name) => body[parent] is JObject o ? o[name] : null;

    private static string? Text(JToken? token) => token is JValue { Value: not null } v ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// An id that fits a long, else null. Json.NET reads integers past the long range as <see cref="System.Numerics.BigInteger"/>,
    /// which Convert.ToInt64 cannot take (InvalidCastException): an id is metadata, never a reason to fail the message.
    /// </summary>
    private static long? Long(JToken? token) => token is JValue { Type: JTokenType.Integer } v
        ? v.Value switch
        {
            long l => l,
            int i => i,
            _ => null,
        }
        : null;
}
