using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// A platform side for volume tests that keeps almost nothing: it publishes function messages as SOAR does (reply-to
/// its own acks queue) and, for each reply, keeps only a small <see cref="Outcome"/> per correlation id. So the test
/// process's memory reflects the listener's, not thousands of retained replies.
/// </summary>
public sealed class LeanPlatform : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly ConcurrentDictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private long _unreadable;

    private LeanPlatform(StompClient client, string actionsQueue, string acksQueue)
    {
        _client = client;
        ActionsQueue = actionsQueue;
        AcksQueue = acksQueue;
    }

    public string ActionsQueue { get; }

    public string AcksQueue { get; }

    /// <summary>Replies that were not a JSON object.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    public static async Task<LeanPlatform> StartAsync(StompClientOptions options, int orgId, string destination, ILogger<StompClient> logger)
    {
        var client = new StompClient(options, logger);
        var platform = new LeanPlatform(client, $"/queue/actions.{orgId}.{destination}", $"/queue/acks.{orgId}.{destination}.lean");
        client.SetMessageHandler(platform.OnReply);
        await client.SubscribeAsync(new StompSubscription(platform.AcksQueue, "auto") { Id = "lean-acks" });
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return platform;
    }

    /// <summary>Publishes a body with SOAR's headers (persistent, with a receipt; retried while the connection is down).</summary>
    public async Task SendAsync(string body, string correlationId, long invocation)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(StompHeaders.ReplyTo, AcksQueue),
            new(StompHeaders.CorrelationId, correlationId),
            new("Co3ContextToken", SoarFunctionMessage.ContextToken(1, invocation)),
            new("Co3MessagePayload", "FunctionDataDTO"),
            new("Co3ContentType", "application/json"),
            new(StompHeaders.Persistent, "true"),
        };
        await _client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _client.SendAsync(ActionsQueue, headers, Encoding.UTF8.GetBytes(body), withReceipt: true);
    }

    public Outcome? OutcomeOf(string correlationId) => _outcomes.GetValueOrDefault(correlationId);

    public async ValueTask DisposeAsync() => await _client.StopAsync(TimeSpan.FromSeconds(2));

    private void OnReply(StompMessage message)
    {
        if (message.MessageId is { } id && !_seen.TryAdd(id, 0))
        {
            return;
        }

        var correlation = message.GetHeader(StompHeaders.CorrelationId) ?? "(none)";
        JObject reply;
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(message.Body.Span)))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
            };
            reply = JToken.ReadFrom(reader) as JObject ?? throw new JsonReaderException("not an object");
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        var outcome = _outcomes.GetOrAdd(correlation, _ => new Outcome());
        lock (outcome)
        {
            if (reply.Value<bool?>("complete") != true)
            {
                outcome.Statuses++;
                return;
            }

            outcome.Finals++;
            outcome.MessageType = reply.Value<int?>("message_type") ?? -1;
            outcome.MessageLength = reply.Value<string>("message")?.Length ?? 0;
            outcome.ContentStatus = reply.SelectToken("results.content.status") is JValue { Value: { } status }
                ? Convert.ToString(status, CultureInfo.InvariantCulture)
                : null;
        }
    }

    /// <summary>What arrived for one correlation id.</summary>
    public sealed class Outcome
    {
        public int Statuses { get; set; }

        public int Finals { get; set; }

        public int MessageType { get; set; }

        public int MessageLength { get; set; }

        public string? ContentStatus { get; set; }
    }
}
