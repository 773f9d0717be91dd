using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// The SOAR platform's side of the function queue, for tests: publishes function messages the way SOAR does
/// (headers reply-to, correlation-id invid:N, Co3ContextToken, Co3MessagePayload FunctionDataDTO, persistent; body a
/// FunctionDataDTO per soar-protocol §3.2) and collects the replies from <c>/queue/acks.&lt;org&gt;.&lt;destination&gt;</c>.
/// Its client reconnects, so it survives broker restarts.
/// </summary>
public sealed class SoarPlatform : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JObject>> _replies = new();
    private readonly ConcurrentDictionary<string, byte> _seenReplyIds = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _invocation = 1000;

    private SoarPlatform(StompClient client, int orgId, string destination)
    {
        _client = client;
        OrgId = orgId;
        Destination = destination;
    }

    public int OrgId { get; }

    public string Destination { get; }

    public string ActionsQueue => $"/queue/actions.{OrgId}.{Destination}";

    public string AcksQueue => $"/queue/acks.{OrgId}.{Destination}";

    public static async Task<SoarPlatform> StartAsync(ActiveMqBroker broker, int orgId, string destination = "fn_aws_gd")
    {
        var client = new StompClient(broker.ClientOptions(), NullLogger<StompClient>.Instance);
        var platform = new SoarPlatform(client, orgId, destination);
        client.SetMessageHandler(platform.OnReply);
        await client.SubscribeAsync(new StompSubscription(platform.AcksQueue, "auto") { Id = "acks" });
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return platform;
    }

    /// <summary>Publishes a function message; returns its correlation id (<c>invid:N</c>).</summary>
    public async Task<string> InvokeAsync(string functionName, object? inputs = null, string? messageBody = null)
    {
        var invocation = Interlocked.Increment(ref _invocation);
        var correlationId = $"invid:{invocation}";
        var body = messageBody ?? FunctionMessageBody(functionName, invocation, inputs is null ? new JObject() : JObject.FromObject(inputs))
            .ToString(Formatting.None);
        await SendAsync(body, correlationId);
        return correlationId;
    }

    /// <summary>Sends any body with SOAR's headers (for malformed-message tests).</summary>
    public async Task SendAsync(string body, string correlationId, bool withReplyTo = true)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(StompHeaders.CorrelationId, correlationId),
            new("Co3ContextToken", "eyJ0eXAiOiJKV1QifQ.test-context-token." + correlationId.Replace(':', '-')),
            new("Co3MessagePayload", "FunctionDataDTO"),
            new("Co3ContentType", "application/json"),
            new(StompHeaders.Persistent, "true"),
        };
        if (withReplyTo)
        {
            headers.Add(new(StompHeaders.ReplyTo, AcksQueue));
        }

        await WhenConnected(() => _client.SendAsync(ActionsQueue, headers, Encoding.UTF8.GetBytes(body), withReceipt: true));
    }

    public static JObject FunctionMessageBody(string functionName, int invocation, JObject inputs) => new()
    {
        ["function"] = new JObject
        {
            ["id"] = 3,
            ["name"] = functionName,
            ["display_name"] = functionName.Replace('_', ' '),
            ["description"] = null,
            ["creator"] = null,
            ["uuid"] = null,
            ["version"] = null,
            ["tags"] = new JArray(),
            ["view_items"] = new JArray(),
            ["workflows"] = new JArray(),
        },
        ["groups"] = new JArray(),
        ["inputs"] = inputs,
        ["playbook_instance"] = null,
        ["principal"] = new JObject { ["id"] = 1, ["type"] = "user", ["name"] = "admin@example.com", ["display_name"] = "Admin User" },
        ["workflow"] = new JObject
        {
            ["workflow_id"] = 3,
            ["programmatic_name"] = "wf_aws_gd_test",
            ["name"] = "GuardDuty test workflow",
            ["object_type"] = new JObject { ["id"] = 0, ["name"] = "incident" },
            ["actions"] = new JArray(),
            ["description"] = null,
            ["tags"] = new JArray(),
            ["uuid"] = null,
        },
        ["workflow_instance"] = new JObject { ["workflow_instance_id"] = invocation },
    };

    /// <summary>Every reply received so far for a correlation id, in arrival order.</summary>
    public IReadOnlyList<JObject> RepliesFor(string correlationId) =>
        _replies.TryGetValue(correlationId, out var queue) ? [.. queue] : [];

    /// <summary>Waits for the final (complete:true) reply and returns all replies for the call.</summary>
    public async Task<IReadOnlyList<JObject>> WaitForFinalAsync(string correlationId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var replies = RepliesFor(correlationId);
            if (replies.Any(r => r.Value<bool>("complete")))
            {
                return replies;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no final reply for {correlationId}; got {replies.Count} reply(ies)");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Number of final replies per correlation id (to check "exactly once").</summary>
    public IReadOnlyDictionary<string, int> FinalReplyCounts() =>
        _replies.ToDictionary(kv => kv.Key, kv => kv.Value.Count(r => r.Value<bool>("complete")));

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync(TimeSpan.FromSeconds(2));
        _arrived.Dispose();
    }

    private void OnReply(StompMessage message)
    {
        // After a broker crash the broker may hand the same reply (same message-id) over again; that is the
        // broker's at-least-once delivery, not a second answer from the app.
        if (message.MessageId is { } id && !_seenReplyIds.TryAdd(id, 0))
        {
            return;
        }

        var correlationId = message.GetHeader(StompHeaders.CorrelationId) ?? "(none)";
        var body = JObject.Parse(message.Frame.GetBodyText());
        _replies.GetOrAdd(correlationId, _ => new ConcurrentQueue<JObject>()).Enqueue(body);
        _arrived.Release();
    }

    private async Task WhenConnected(Func<Task> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(20));
                await send();
                return;
            }
            catch (StompConnectionException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SOAR platform org {OrgId} on {ActionsQueue}");
}
