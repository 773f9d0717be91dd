using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// A STOMP 1.2 client that stays connected: a connect loop with jittered exponential back-off, and after every
/// (re)connect it subscribes every registered subscription again (each confirmed by a RECEIPT) before it reports
/// <see cref="Connected"/>. Each connection has a generation number; messages carry it, and ACK/NACK only go out
/// on the connection the message came from.
/// </summary>
public sealed class StompClient : IAsyncDisposable
{
    private readonly StompClientOptions _options;
    private readonly ILogger<StompClient> _logger;
    private readonly StompReconnectBackoff _backoff;
    private readonly Lock _gate = new();
    private readonly List<StompSubscription> _subscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _connectedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<StompMessage>? _messageHandler;
    private StompConnection? _connection;
    private long _generation;
    private long _transactionCounter;
    private Task _run = Task.CompletedTask;
    private int _started;
    private int _state = (int)StompConnectionState.Idle;

    public StompClient(StompClientOptions options, ILogger<StompClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger;
        _backoff = new StompReconnectBackoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay);
    }

    /// <summary>Raised after a (re)connect once every subscription is confirmed. The argument is the generation.</summary>
    public event Action<long>? Connected;

    /// <summary>Raised when a live connection is lost (not for an orderly stop). Arguments: generation, reason.</summary>
    public event Action<long, Exception?>? Disconnected;

    /// <summary>Raised for every ERROR frame, whether it came during CONNECT, SUBSCRIBE or later.</summary>
    public event Action<StompErrorException>? ErrorReceived;

    public StompConnectionState State
    {
        get => (StompConnectionState)Volatile.Read(ref _state);
        private set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>The generation of the current connection, or 0 before the first one.</summary>
    public long Generation => Volatile.Read(ref _connection)?.Generation ?? 0;

    public StompClientOptions Options => _options;

    /// <summary>
    /// The handler for MESSAGE frames. It runs on the read loop: hand work off quickly and never block on the
    /// connection (receipts would stall). Set it before <see cref="Start"/>.
    /// </summary>
    public void SetMessageHandler(Action<StompMessage> handler) => _messageHandler = handler;

    /// <summary>Registers a subscription; it is sent now when connected, and again after each reconnect.</summary>
    public async Task SubscribeAsync(StompSubscription subscription, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_subscriptions.Any(s => s.Id == subscription.Id))
            {
                throw new InvalidOperationException($"a subscription with id '{subscription.Id}' already exists");
            }

            _subscriptions.Add(subscription);
        }

        if (State == StompConnectionState.Connected && Volatile.Read(ref _connection) is { IsOpen: true } connection)
        {
            await connection.SendWithReceiptAsync(subscription.ToFrame(null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the connect loop in the background and returns at once.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the client was already started");
        }

        if (_options.UseTls && !_options.VerifyServerCertificate)
        {
            _logger.LogWarning("STOMP TLS certificate verification is OFF (cafile = false): the broker's identity is not checked");
        }

        _run = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Waits until connected and subscribed (the current connection, or the next one).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _connectedSignal).Task.WaitAsync(cancellationToken);

    /// <summary>SEND; content-length is always set. With <paramref name="withReceipt"/> it waits for the broker's RECEIPT.</summary>
    public async Task SendAsync(
        string destination, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body,
        bool withReceipt = false, CancellationToken cancellationToken = default)
    {
        var frame = SendFrame(destination, headers, body);
        var connection = CurrentOrThrow();
        if (withReceipt)
        {
            await connection.SendWithReceiptAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await connection.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SEND without waiting for the write, for messages whose loss is acceptable (status texts): they go out in order
    /// with everything queued after them. Throws <see cref="StompConnectionException"/> when not connected.
    /// </summary>
    public void Post(string destination, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body) =>
        CurrentOrThrow().Post(SendFrame(destination, headers, body));

    /// <summary>ACK with the message's <c>ack</c> header, on the connection it came from (else <see cref="StompStaleMessageException"/>).</summary>
    public Task AckAsync(StompMessage message, CancellationToken cancellationToken = default) =>
        Acknowledge(StompCommands.Ack, message, cancellationToken);

    public Task NackAsync(StompMessage message, CancellationToken cancellationToken = default) =>
        Acknowledge(StompCommands.Nack, message, cancellationToken);

    /// <summary>
    /// ACKs <paramref name="message"/> and SENDs a reply atomically, in one STOMP transaction on the message's own
    /// connection: BEGIN, ACK, SEND, then COMMIT with a receipt. When it throws <see cref="StompStaleMessageException"/>
    /// nothing was sent. Any other failure leaves the outcome unknown, but never half done: either the broker
    /// committed both (no redelivery follows) or neither (the message is redelivered).
    /// </summary>
    public async Task AckAndSendAsync(
        StompMessage message, string destination, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        var ackId = AckIdOf(message);
        var connection = ConnectionOf(message);
        var transaction = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"tx-{connection.Generation}-{Interlocked.Increment(ref _transactionCounter)}");
        KeyValuePair<string, string> inTransaction = new(StompHeaders.Transaction, transaction);
        var send = SendFrame(destination, headers.Where(h => h.Key != StompHeaders.Transaction).Append(inTransaction), body);
        // Queued back to back, in this order, so the write loop usually puts all four frames in one write. The COMMIT's
        // receipt settles the other three: it comes only after they were written, and a failed write fails it.
        connection.Post(new StompFrame(StompCommands.Begin, [inTransaction]));
        connection.Post(new StompFrame(StompCommands.Ack, [new(StompHeaders.Id, ackId), inTransaction]));
        connection.Post(send);
        await connection.SendWithReceiptAsync(new StompFrame(StompCommands.Commit, [inTransaction]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops reconnecting and closes the connection with DISCONNECT + receipt (bounded by <paramref name="timeout"/>).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (State == StompConnectionState.Closed)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var connection = Interlocked.Exchange(ref _connection, null);
        State = StompConnectionState.Closed;
        if (connection is not null)
        {
            await connection.DisconnectAsync(timeout).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            StompConnection? connection = null;
            try
            {
                State = StompConnectionState.Connecting;
                var generation = Interlocked.Increment(ref _generation);
                connection = await StompConnection.ConnectAsync(_options, generation, OnMessage, OnError, _logger, cancellationToken)
                    .ConfigureAwait(false);
                Volatile.Write(ref _connection, connection);
                await SubscribeAllAsync(connection, cancellationToken).ConfigureAwait(false);
                State = StompConnectionState.Connected;
                failures = 0;
                _logger.LogInformation(
                    "STOMP connected to {Endpoint} (connection #{Generation}, server {Server}, heart-beats send {Send} ms / receive {Receive} ms)",
                    $"{_options.Host}:{_options.Port}", generation, connection.Server ?? "?",
                    connection.HeartBeats.ClientSendInterval.TotalMilliseconds, connection.HeartBeats.ServerSendInterval.TotalMilliseconds);
                Volatile.Read(ref _connectedSignal).TrySetResult();
                Connected?.Invoke(generation);

                var reason = await connection.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.CompareExchange(ref _connection, null, connection);
                Volatile.Write(ref _connectedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                State = StompConnectionState.Reconnecting;
                _logger.LogWarning("STOMP connection #{Generation} lost: {Reason}", generation, reason?.Message ?? "closed");
                await connection.DisposeAsync().ConfigureAwait(false);
                Disconnected?.Invoke(generation, reason);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                State = StompConnectionState.Reconnecting;
                Interlocked.CompareExchange(ref _connection, null, connection);
                if (connection is not null)
                {
                    connection.Abort(ex);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }

                _logger.LogWarning("STOMP connect to {Endpoint} failed (attempt {Attempt}): {Reason}",
                    $"{_options.Host}:{_options.Port}", failures, ex.Message);
                if (ex is StompErrorException error && connection is null)
                {
                    // An ERROR answering CONNECT (bad credentials) never reached a connection's read loop.
                    ErrorReceived?.Invoke(error);
                }
            }

            try
            {
                await Task.Delay(_backoff.DelayFor(Math.Max(0, failures - 1)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SubscribeAllAsync(StompConnection connection, CancellationToken cancellationToken)
    {
        StompSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }

        foreach (var subscription in subscriptions)
        {
            await connection.SendWithReceiptAsync(subscription.ToFrame(null), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("STOMP subscribed to {Destination} (id {Id}, ack {AckMode})",
                subscription.Destination, subscription.Id, subscription.AckMode);
        }
    }

    private void OnMessage(StompMessage message)
    {
        var handler = _messageHandler;
        if (handler is null)
        {
            _logger.LogWarning("STOMP MESSAGE {MessageId} dropped: no handler set", message.MessageId);
            return;
        }

        try
        {
            handler(message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "STOMP message handler failed for {MessageId}", message.MessageId);
        }
    }

    private void OnError(StompErrorException error)
    {
        try
        {
            ErrorReceived?.Invoke(error);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "STOMP error handler failed");
        }
    }

    private async Task Acknowledge(string command, StompMessage message, CancellationToken cancellationToken)
    {
        var ackId = AckIdOf(message);
        var connection = ConnectionOf(message);
        await connection.SendAsync(new StompFrame(command, [new(StompHeaders.Id, ackId)]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A SEND to <paramref name="destination"/>, which comes first and replaces any destination header given.</summary>
    private static StompFrame SendFrame(string destination, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body) =>
        new(StompCommands.Send, headers.Where(h => h.Key != StompHeaders.Destination).Prepend(new(StompHeaders.Destination, destination)), body);

    private static string AckIdOf(StompMessage message) => message.AckId
        ?? throw new InvalidOperationException($"message {message.MessageId} has no 'ack' header; it was not received with a client ack mode");

    /// <summary>The connection the message came on, if it is still the current one.</summary>
    private StompConnection ConnectionOf(StompMessage message)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null || !connection.IsOpen || connection.Generation != message.Generation)
        {
            throw new StompStaleMessageException(message.Generation, connection?.Generation ?? 0);
        }

        return connection;
    }

    private StompConnection CurrentOrThrow()
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null || !connection.IsOpen)
        {
            throw new StompConnectionException($"not connected to {_options.Host}:{_options.Port}");
        }

        return connection;
    }
}
