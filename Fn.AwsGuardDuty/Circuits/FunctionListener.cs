using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// The resilient-circuits runtime's delivery side: subscribes to <c>actions.&lt;org&gt;.&lt;destination&gt;</c>, takes
/// each MESSAGE once (redeliveries are recognised by message-id, <see cref="MessageDeduplicator"/>), hands it to the
/// <see cref="FunctionDispatcher"/> (which knows no STOMP: message in, reply out), and has <see cref="ReplyDelivery"/>
/// answer on <c>reply-to</c>: interim status SENDs, then the ACK and the final SEND in one STOMP transaction, so a
/// broker crash can neither lose the answer nor make it go out twice. It owns the start/stop lifecycle Hosting uses.
/// A message the dispatcher cannot run is ACKed with its error reply like any other (see <see cref="FunctionDispatcher"/>).
/// </summary>
public sealed class FunctionListener : IHostedService, IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly FunctionDispatcher _dispatcher;
    private readonly ReplyDelivery _replies;
    private readonly FunctionListenerOptions _options;
    private readonly ILogger<FunctionListener> _logger;
    private readonly MessageDeduplicator _deduplicator;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Lock _intake = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _accepting;
    private int _started;
    private int _stopped;

    public FunctionListener(
        StompClient client, FunctionHandlerRegistry registry, FunctionListenerOptions options,
        ILogger<FunctionListener> logger, TimeProvider? timeProvider = null, AppMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger;
        _dispatcher = new FunctionDispatcher(registry, options, logger, timeProvider, metrics);
        _replies = new ReplyDelivery(client, options.PersistentReplies, logger);
        _deduplicator = new MessageDeduplicator(options.AnsweredCacheDuration, options.AnsweredCacheCapacity, timeProvider ?? TimeProvider.System);
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
            Destination, string.Join(", ", _dispatcher.Names), _options.NumWorkers, _options.EffectivePrefetchLimit);
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
        _dispatcher.Dispose();
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

            var messageId = FunctionMessageParser.MessageIdOf(message);
            switch (_deduplicator.Register(messageId, message, out var answered))
            {
                case DeliveryDecision.AlreadyRunning:
                    _logger.LogInformation("Message {MessageId} redelivered while its function runs; the new ack id will be used", messageId);
                    break;
                case DeliveryDecision.AlreadyAnswered:
                    _logger.LogInformation("Message {MessageId} was already answered; ACKing the redelivery without running it again", messageId);
                    Track(() => _replies.AcknowledgeAnsweredAsync(message, answered!));
                    break;
                default:
                    Track(() => ProcessAsync(message));
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
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ProcessAsync(StompMessage message)
    {
        var request = FunctionMessageParser.RequestOf(message);
        FinalReply reply;
        try
        {
            reply = await _dispatcher.DispatchAsync(request,
                (text, ct) => _replies.SendStatusAsync(request.ReplyTo, request.CorrelationId, text, ct), _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _deduplicator.Abandon(request.MessageId);
            _logger.LogWarning("Message {MessageId} abandoned at shutdown, not ACKed; the broker will redeliver it", request.MessageId);
            return;
        }

        // The final reply is already serialized; it goes out with the ACK of the latest delivery.
        var answer = new AnsweredMessage(request.MessageId, reply);
        answer.Offer(_deduplicator.Complete(answer));
        await _replies.DeliverAsync(answer).ConfigureAwait(false);
    }
}
