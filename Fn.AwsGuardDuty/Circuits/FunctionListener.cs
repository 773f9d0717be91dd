using System.Collections.Concurrent;
using System.Diagnostics;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// The resilient-circuits runtime: subscribes to <c>actions.&lt;org&gt;.&lt;destination&gt;</c>, routes each function
/// message by <c>function.name</c> to its <see cref="IFunctionHandler"/>, and answers on <c>reply-to</c>:
/// interim status SENDs, then the ACK and the final SEND (the order the lab capture shows) in one STOMP transaction,
/// so a broker crash can neither lose the answer nor make it go out twice. At most
/// <see cref="FunctionListenerOptions.NumWorkers"/> handlers run at once.
/// <para>
/// Deliberate difference from resilient-circuits: a message that cannot be run (body not JSON, no <c>function</c>,
/// unknown function, missing or invalid input) is ACKed and answered with an error (message_type 1) naming the
/// problem. The Python framework never ACKs bad JSON, so it comes back after every reconnect (a poison message)
/// and holds a prefetch slot meanwhile; and it answers an unknown function "Completed" with no results, which hides
/// a misrouted call.
/// </para>
/// </summary>
public sealed class FunctionListener : IHostedService, IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly FunctionHandlerRegistry _registry;
    private readonly FunctionListenerOptions _options;
    private readonly ILogger<FunctionListener> _logger;
    private readonly TimeProvider _time;
    private readonly MessageDeduplicator _deduplicator;
    private readonly SemaphoreSlim _workers;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Lock _intake = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _host = Environment.MachineName;
    private bool _accepting;
    private int _started;
    private int _stopped;

    public FunctionListener(
        StompClient client, FunctionHandlerRegistry registry, FunctionListenerOptions options,
        ILogger<FunctionListener> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _registry = registry;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _deduplicator = new MessageDeduplicator(options.AnsweredCacheDuration, options.AnsweredCacheCapacity, _time);
        _workers = new SemaphoreSlim(options.NumWorkers, options.NumWorkers);
        // Observed here so a fatal error nobody awaits does not surface as an unobserved task exception.
        _subscribed.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        _completion.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Completes the first time the subscription is confirmed; faults with <see cref="ListenerAuthorizationException"/> when the broker refuses it.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Completes when the listener has stopped; faults when it stopped on a fatal error.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Raised after every confirmed (re)subscription, with the connection generation.</summary>
    public event Action<long>? Resubscribed;

    public string Destination => _options.SubscribeDestination;

    /// <summary>Calls being processed (running, waiting for a worker, or sending their reply).</summary>
    public int ActiveCalls => _running.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the listener was already started");
        }

        _client.SetMessageHandler(OnMessage);
        _client.Connected += OnConnected;
        _client.ErrorReceived += OnError;
        await _client.SubscribeAsync(
            new StompSubscription(Destination)
            {
                ExtraHeaders = [new(StompHeaders.PrefetchSize, _options.EffectivePrefetchLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            },
            cancellationToken).ConfigureAwait(false);
        lock (_intake)
        {
            _accepting = true;
        }

        _client.Start();
        _logger.LogInformation("Function listener starting on {Destination} for functions {Functions} ({Workers} workers, prefetch {Prefetch})",
            Destination, string.Join(", ", _registry.Names), _options.NumWorkers, _options.EffectivePrefetchLimit);
    }

    /// <summary>
    /// Graceful stop: take no new messages, let running calls finish within ShutdownGrace and send their replies,
    /// then DISCONNECT with a receipt. Calls still running after the grace are cancelled and not ACKed (redelivered).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _completion.Task.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return;
        }

        Task[] running;
        lock (_intake)
        {
            _accepting = false;
            running = [.. _running.Keys];
        }

        if (running.Length > 0)
        {
            _logger.LogInformation("Function listener stopping: waiting up to {Grace} s for {Count} running call(s)",
                _options.ShutdownGrace.TotalSeconds, running.Length);
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(_options.ShutdownGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning("Function listener: {Count} call(s) still running at shutdown are abandoned; the broker will redeliver them",
                _running.Count);
            await _abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Function listener: some handlers ignored cancellation");
            }
        }

        await _client.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _client.Connected -= OnConnected;
        _client.ErrorReceived -= OnError;
        _logger.LogInformation("Function listener stopped");
        _completion.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _started) == 1)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await _client.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        _abort.Dispose();
        _workers.Dispose();
    }

    private void OnConnected(long generation)
    {
        _logger.LogInformation("Function listener subscribed to {Destination} (connection #{Generation})", Destination, generation);
        _subscribed.TrySetResult();
        Resubscribed?.Invoke(generation);
    }

    private void OnError(StompErrorException error)
    {
        if (!error.IsAuthorizationFailure)
        {
            return;
        }

        var fatal = new ListenerAuthorizationException(Destination, error.ErrorMessage, error);
        _logger.LogCritical("Function listener cannot continue: {Reason}", fatal.Message);
        lock (_intake)
        {
            _accepting = false;
        }

        _subscribed.TrySetException(fatal);
        _ = Task.Run(async () =>
        {
            await _client.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            _completion.TrySetException(fatal);
        });
    }

    private void OnMessage(StompMessage message)
    {
        lock (_intake)
        {
            if (!_accepting)
            {
                _logger.LogDebug("Not taking message {MessageId}: the listener is stopping; the broker will redeliver it", message.MessageId);
                return;
            }

            // A MESSAGE without message-id breaks the protocol; still run it once rather than leave it unacked.
            var messageId = message.MessageId ?? $"(no message-id) ack {message.AckId}";
            switch (_deduplicator.Register(messageId, message, out var answered))
            {
                case DeliveryDecision.AlreadyRunning:
                    _logger.LogInformation("Message {MessageId} redelivered while its function runs; the new ack id will be used", messageId);
                    break;
                case DeliveryDecision.AlreadyAnswered:
                    _logger.LogInformation("Message {MessageId} was already answered; ACKing the redelivery without running it again", messageId);
                    Track(() => AcknowledgeAnsweredAsync(message, answered!));
                    break;
                default:
                    Track(() => ProcessAsync(messageId, message));
                    break;
            }
        }
    }

    private void Track(Func<Task> work)
    {
        var task = Task.Run(work);
        _running[task] = 0;
        task.ContinueWith(t =>
        {
            _running.TryRemove(t, out _);
            if (t.Exception is { } failure)
            {
                // Every path above handles its own failures; one that escapes is a bug, and must not pass silently.
                _logger.LogError(failure.GetBaseException(), "Function listener: a message task failed unexpectedly");
            }
        }, TaskScheduler.Default);
    }

    private async Task ProcessAsync(string messageId, StompMessage message)
    {
        FinalReply reply;
        try
        {
            reply = await RunAsync(messageId, message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _deduplicator.Abandon(messageId);
            _logger.LogWarning("Message {MessageId} abandoned at shutdown, not ACKed; the broker will redeliver it", messageId);
            return;
        }
        catch (Exception ex)
        {
            // Nothing may leave a message in progress for good: its redeliveries would be ignored as "already running",
            // it would never be ACKed, and it would hold one of the prefetch slots until the listener stalls.
            _logger.LogError(ex, "Message {MessageId} could not be processed; it is answered with an error", messageId);
            reply = new FinalReply(message.GetHeader(StompHeaders.ReplyTo), message.GetHeader(StompHeaders.CorrelationId), ActionReply.Exception(ex), true);
        }

        await CompleteAsync(new AnsweredMessage(messageId, reply)).ConfigureAwait(false);
    }

    private async Task<FinalReply> RunAsync(string messageId, StompMessage message)
    {
        var replyTo = message.GetHeader(StompHeaders.ReplyTo);
        var correlationId = message.GetHeader(StompHeaders.CorrelationId);
        FunctionMessage parsed;
        try
        {
            parsed = FunctionMessageParser.Parse(message);
        }
        catch (InvalidFunctionMessageException ex)
        {
            _logger.LogWarning("Rejected message {MessageId} (correlation {CorrelationId}): {Reason}. It is ACKed{Reply}",
                messageId, correlationId, ex.Message, replyTo is null ? " (no reply-to, so no reply)" : " and answered with an error");
            return new FinalReply(replyTo, correlationId, ActionReply.Error(ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Message {MessageId} (correlation {CorrelationId}) could not be read; it is ACKed and answered with an error",
                messageId, correlationId);
            return new FinalReply(replyTo, correlationId, ActionReply.Error($"the message could not be read: {ex.Message}"), true);
        }

        if (!_registry.TryGet(parsed.FunctionName, out var handler))
        {
            var served = _registry.Names.Count == 0 ? "none" : string.Join(", ", _registry.Names);
            var text = $"function '{parsed.FunctionName}' is not served by this app on {Destination}; functions served: {served}";
            _logger.LogWarning("Rejected message {MessageId}: {Reason}", messageId, text);
            return new FinalReply(replyTo, correlationId, ActionReply.Error(text), true);
        }

        await _workers.WaitAsync(_abort.Token).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            _logger.LogInformation("Running {Function} (message {MessageId}, correlation {CorrelationId})",
                parsed.FunctionName, messageId, correlationId);
            var call = new FunctionCall(parsed.Inputs, parsed.Metadata, parsed.Body,
                (text, ct) => SendStatusAsync(replyTo, correlationId, text, ct));
            var result = await handler.HandleAsync(call, _abort.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{handler.GetType().Name} returned no result");
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var metrics = new ResultMetrics(_options.PackageName, _options.PackageVersion, _host, elapsed, _time.GetLocalNow().DateTime);
            var body = ActionReply.Completed(ResultEnvelope.Create(result, parsed.Inputs, metrics));
            _logger.LogInformation("{Function} completed in {Elapsed} ms (message {MessageId}, success {Success})",
                parsed.FunctionName, elapsed, messageId, result.Success);
            return new FinalReply(replyTo, correlationId, body, false);
        }
        catch (FunctionErrorException ex)
        {
            _logger.LogWarning("{Function} failed (message {MessageId}): {Reason}", parsed.FunctionName, messageId, ex.Message);
            return new FinalReply(replyTo, correlationId, ActionReply.Error(ex.Message), true);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Function} raised an exception (message {MessageId})", parsed.FunctionName, messageId);
            return new FinalReply(replyTo, correlationId, ActionReply.Exception(ex), true);
        }
        finally
        {
            _workers.Release();
        }
    }

    /// <summary>The final reply is already serialized; it goes out with the ACK of the latest delivery.</summary>
    private Task CompleteAsync(AnsweredMessage answer)
    {
        answer.Offer(_deduplicator.Complete(answer));
        return DeliverAsync(answer);
    }

    private async Task AcknowledgeAnsweredAsync(StompMessage redelivery, AnsweredMessage answer)
    {
        if (answer.Offer(redelivery))
        {
            // The earlier attempt did not commit; this delivery carries the answer now.
            await DeliverAsync(answer).ConfigureAwait(false);
            return;
        }

        try
        {
            await _client.AckAsync(redelivery).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StompConnectionException or StompErrorException or InvalidOperationException)
        {
            _logger.LogWarning("Could not ACK redelivered message {MessageId}: {Reason}", answer.MessageId, ex.Message);
        }
    }

    /// <summary>
    /// ACK + final SEND in one STOMP transaction (ACK first, as resilient-circuits orders them), committed with a
    /// receipt. If the outcome is unknown the broker decides: a redelivery means "not committed" and retries here.
    /// </summary>
    private async Task DeliverAsync(AnsweredMessage answer)
    {
        while (answer.TryClaim(out var delivery))
        {
            try
            {
                if (delivery.AckId is null)
                {
                    // A broker that breaks the protocol (no ack header on a client-individual subscription): there is
                    // nothing to ACK, so the answer goes out on its own.
                    _logger.LogWarning("Message {MessageId} came without an ack header; it is answered without an ACK", answer.MessageId);
                    if (answer.Reply.ReplyTo is not null)
                    {
                        await _client.SendAsync(answer.Reply.ReplyTo, ReplyHeaders(answer.Reply.CorrelationId),
                            System.Text.Encoding.UTF8.GetBytes(answer.Reply.Body)).ConfigureAwait(false);
                    }
                }
                else if (answer.Reply.ReplyTo is null)
                {
                    await _client.AckAsync(delivery).ConfigureAwait(false);
                }
                else
                {
                    await _client.AckAndSendAsync(delivery, answer.Reply.ReplyTo, ReplyHeaders(answer.Reply.CorrelationId),
                        System.Text.Encoding.UTF8.GetBytes(answer.Reply.Body)).ConfigureAwait(false);
                }

                answer.MarkDelivered();
                return;
            }
            catch (StompStaleMessageException)
            {
                _logger.LogWarning("Message {MessageId} finished after its connection was lost; it is answered when the broker redelivers it",
                    answer.MessageId);
            }
            catch (Exception ex) when (ex is StompConnectionException or StompErrorException or OperationCanceledException)
            {
                _logger.LogWarning("Answer to message {MessageId} not confirmed ({Reason}); if the broker did not commit it, it redelivers the message and the answer goes out then",
                    answer.MessageId, ex.Message);
            }
            catch (Exception ex)
            {
                // Whatever it was, the claim must be released: a claim held for good would ignore every redelivery.
                _logger.LogError(ex, "Answer to message {MessageId} failed unexpectedly; it goes out when the broker redelivers the message",
                    answer.MessageId);
            }

            answer.Release();
        }
    }

    private async Task SendStatusAsync(string? replyTo, string? correlationId, string text, CancellationToken cancellationToken)
    {
        if (replyTo is null)
        {
            return;
        }

        try
        {
            await _client.SendAsync(replyTo, ReplyHeaders(correlationId), System.Text.Encoding.UTF8.GetBytes(ActionReply.Status(text)),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StompConnectionException ex)
        {
            _logger.LogWarning("Status message lost (correlation {CorrelationId}): {Reason}", correlationId, ex.Message);
        }
    }

    private List<KeyValuePair<string, string>> ReplyHeaders(string? correlationId)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        if (correlationId is not null)
        {
            headers.Add(new(StompHeaders.CorrelationId, correlationId));
        }

        if (_options.PersistentReplies)
        {
            headers.Add(new(StompHeaders.Persistent, "true"));
        }

        return headers;
    }
}
