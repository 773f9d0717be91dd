using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The SOAR platform's side of a function queue. It publishes function messages as SOAR does (SEND to
/// <c>/queue/actions.&lt;org&gt;.&lt;destination&gt;</c> with reply-to <c>/queue/acks.&lt;org&gt;.&lt;destination&gt;</c>,
/// correlation-id <c>invid:N</c>, Co3ContextToken, Co3MessagePayload FunctionDataDTO, Co3ContentType, persistent; a
/// FunctionDataDTO body) and collects the status and final replies by correlation id. It works against a real ActiveMQ
/// and against <see cref="Stomp.SandboxStompBroker"/> alike (it only needs <see cref="StompClientOptions"/>), and its
/// client reconnects, so it survives broker restarts. One platform per acks queue: two would share its replies.
/// </summary>
public sealed class SoarPlatform : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JObject>> _replies = new();
    private readonly ConcurrentDictionary<string, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<string, byte> _seenReplyIds = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private long _invocation = 1000;
    private long _unmatched;

    private SoarPlatform(StompClient client, int orgId, string destination, ILogger logger)
    {
        _client = client;
        OrgId = orgId;
        Destination = destination;
        _logger = logger;
    }

    public int OrgId { get; }

    public string Destination { get; }

    public string ActionsQueue => $"/queue/actions.{OrgId}.{Destination}";

    public string AcksQueue => $"/queue/acks.{OrgId}.{Destination}";

    /// <summary>Round trips of <see cref="CallAsync(string, JObject, CancellationToken)"/>, per function.</summary>
    public LatencyRecorder Latencies { get; } = new();

    /// <summary>How long <see cref="CallAsync(string, JObject, CancellationToken)"/> waits for the final reply.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Keep every reply for <see cref="RepliesFor"/> and <see cref="FinalReplyCounts"/> (tests). A long benchmark
    /// turns this off; calls made with <see cref="CallAsync(string, JObject, CancellationToken)"/> still get their replies.
    /// </summary>
    public bool RetainReplies { get; set; } = true;

    /// <summary>Replies that matched no call in progress (late duplicates, or for messages sent with <see cref="SendAsync"/>).</summary>
    public long UnmatchedReplies => Interlocked.Read(ref _unmatched);

    public int CallsInProgress => _pending.Count;

    /// <summary>Connects, subscribes to the acks queue (ack auto) and waits until that is confirmed.</summary>
    public static async Task<SoarPlatform> StartAsync(
        StompClientOptions clientOptions, int orgId, string destination = "fn_aws_gd",
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orgId);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        loggerFactory ??= NullLoggerFactory.Instance;
        var client = new StompClient(clientOptions, loggerFactory.CreateLogger<StompClient>());
        var platform = new SoarPlatform(client, orgId, destination, loggerFactory.CreateLogger<SoarPlatform>());
        client.SetMessageHandler(platform.OnReply);
        await client.SubscribeAsync(new StompSubscription(platform.AcksQueue, "auto") { Id = "acks" }, cancellationToken).ConfigureAwait(false);
        client.Start();
        try
        {
            await client.WaitUntilConnectedAsync(cancellationToken).WaitAsync(clientOptions.ConnectTimeout * 2, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await platform.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return platform;
    }

    /// <summary>
    /// Publishes a function message and waits for its final reply: the statuses, message_type, message and results,
    /// with the round-trip latency (also recorded in <see cref="Latencies"/>). Throws <see cref="TimeoutException"/>
    /// after <see cref="CallTimeout"/>.
    /// </summary>
    public Task<FunctionReply> CallAsync(string functionName, JObject inputs, CancellationToken cancellationToken = default) =>
        CallAsync(functionName, inputs, null, cancellationToken);

    /// <summary>As <see cref="CallAsync(string, JObject, CancellationToken)"/>, on behalf of a playbook.</summary>
    public async Task<FunctionReply> CallAsync(string functionName, JObject inputs, SoarPlaybookContext? playbook, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentNullException.ThrowIfNull(inputs);
        var invocation = Interlocked.Increment(ref _invocation);
        var correlationId = CorrelationId(invocation);
        var call = new PendingCall(functionName, Stopwatch.GetTimestamp());
        _pending[correlationId] = call;
        try
        {
            var body = SoarFunctionMessage.Body(functionName, invocation, (JObject)inputs.DeepClone(), playbook).ToString(Formatting.None);
            await PublishAsync(body, correlationId, invocation, withReplyTo: true, cancellationToken).ConfigureAwait(false);
            return await call.Completion.Task.WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"no final reply to {functionName} ({correlationId}) within {CallTimeout.TotalSeconds:0.#} s; {call.StatusCount} status(es) received");
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    /// <summary>Publishes a function message without waiting; returns its correlation id (<c>invid:N</c>).</summary>
    public async Task<string> InvokeAsync(string functionName, object? inputs = null, string? messageBody = null)
    {
        var invocation = Interlocked.Increment(ref _invocation);
        var correlationId = CorrelationId(invocation);
        var body = messageBody ?? SoarFunctionMessage.Body(functionName, invocation, inputs is null ? new JObject() : JObject.FromObject(inputs))
            .ToString(Formatting.None);
        await PublishAsync(body, correlationId, invocation, withReplyTo: true, CancellationToken.None).ConfigureAwait(false);
        return correlationId;
    }

    /// <summary>Sends any body with SOAR's headers (for malformed-message tests).</summary>
    public Task SendAsync(string body, string correlationId, bool withReplyTo = true) =>
        PublishAsync(body, correlationId, Interlocked.Increment(ref _invocation), withReplyTo, CancellationToken.None);

    public static JObject FunctionMessageBody(string functionName, int invocation, JObject inputs) =>
        SoarFunctionMessage.Body(functionName, invocation, inputs);

    /// <summary>Every reply received so far for a correlation id, in arrival order (needs <see cref="RetainReplies"/>).</summary>
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

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    /// <summary>Number of final replies per correlation id (to check "exactly once").</summary>
    public IReadOnlyDictionary<string, int> FinalReplyCounts() =>
        _replies.ToDictionary(kv => kv.Key, kv => kv.Value.Count(r => r.Value<bool>("complete")));

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        foreach (var call in _pending.Values)
        {
            call.Completion.TrySetException(new ObjectDisposedException(nameof(SoarPlatform)));
        }

        _arrived.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SOAR platform org {OrgId} on {ActionsQueue}");

    private static string CorrelationId(long invocation) => string.Create(CultureInfo.InvariantCulture, $"invid:{invocation}");

    private async Task PublishAsync(string body, string correlationId, long invocation, bool withReplyTo, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>(6);
        if (withReplyTo)
        {
            headers.Add(new(StompHeaders.ReplyTo, AcksQueue));
        }

        headers.Add(new(StompHeaders.CorrelationId, correlationId));
        headers.Add(new("Co3ContextToken", SoarFunctionMessage.ContextToken(OrgId, invocation)));
        headers.Add(new("Co3MessagePayload", "FunctionDataDTO"));
        headers.Add(new("Co3ContentType", "application/json"));
        headers.Add(new(StompHeaders.Persistent, "true"));
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.WaitUntilConnectedAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
                await _client.SendAsync(ActionsQueue, headers, bytes, withReceipt: true, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StompConnectionException e) when (attempt < 20)
            {
                // A SEND whose receipt was lost may have reached the queue; SOAR retries the same way, and the app
                // de-duplicates by message-id only, so a retry is a second invocation with the same correlation id.
                _logger.LogDebug("Publishing {CorrelationId} failed ({Reason}); retrying", correlationId, e.Message);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
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
        JObject body;
        try
        {
            body = ParseReply(message.Frame.GetBodyText());
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            _logger.LogWarning("Reply {CorrelationId} is not a JSON object: {Reason}", correlationId, e.Message);
            Interlocked.Increment(ref _unmatched);
            return;
        }

        if (RetainReplies)
        {
            _replies.GetOrAdd(correlationId, _ => new ConcurrentQueue<JObject>()).Enqueue(body);
            _arrived.Release();
        }

        if (!_pending.TryGetValue(correlationId, out var call))
        {
            if (!RetainReplies)
            {
                Interlocked.Increment(ref _unmatched);
            }

            return;
        }

        if (!body.Value<bool?>("complete").GetValueOrDefault())
        {
            call.AddStatus(body.Value<string>("message") ?? "");
            return;
        }

        var latency = Stopwatch.GetElapsedTime(call.Started);
        var reply = new FunctionReply
        {
            CorrelationId = correlationId,
            FunctionName = call.FunctionName,
            Statuses = call.Statuses(),
            MessageType = body.Value<int?>("message_type") ?? 0,
            Message = body.Value<string>("message"),
            Results = body["results"] as JObject,
            Latency = latency,
            Final = body,
        };
        if (call.Completion.TrySetResult(reply))
        {
            Latencies.Record(call.FunctionName, latency);
        }
    }

    /// <summary>
    /// Strings stay strings: timestamps inside a finding must reach the scripts as the text the app sent. Numbers are
    /// read as decimals (exact, as the app wrote them); a reply holding a number past the decimal range (1e300 is
    /// valid JSON, and SOAR's own parser takes it) is read again with doubles rather than dropped.
    /// </summary>
    private static JObject ParseReply(string text)
    {
        try
        {
            return Parse(text, FloatParseHandling.Decimal);
        }
        catch (JsonReaderException e) when (e.Message.Contains("is not a valid decimal", StringComparison.Ordinal))
        {
            return Parse(text, FloatParseHandling.Double);
        }

        static JObject Parse(string text, FloatParseHandling floats)
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = floats };
            var token = JToken.ReadFrom(reader);
            return token as JObject ?? throw new JsonReaderException($"expected a JSON object, got {token.Type}");
        }
    }

    private sealed class PendingCall(string functionName, long started)
    {
        private readonly ConcurrentQueue<string> _statuses = new();

        public string FunctionName { get; } = functionName;

        public long Started { get; } = started;

        public TaskCompletionSource<FunctionReply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int StatusCount => _statuses.Count;

        public void AddStatus(string text) => _statuses.Enqueue(text);

        public IReadOnlyList<string> Statuses() => [.. _statuses];
    }
}
