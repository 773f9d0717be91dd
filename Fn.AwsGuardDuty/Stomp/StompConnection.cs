using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// One live STOMP 1.2 connection (one generation): a read loop that decodes frames and dispatches them, a write
/// loop that owns the socket's write side, and a liveness monitor for heart-beats. It never reconnects; when it
/// dies, <see cref="Completion"/> completes with the reason and the owner (<see cref="StompClient"/>) makes a new one.
/// </summary>
public sealed class StompConnection : IAsyncDisposable
{
    private readonly StompClientOptions _options;
    private readonly ILogger _logger;
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly StompFrameDecoder _decoder;
    private readonly Action<StompMessage> _onMessage;
    private readonly Action<StompErrorException> _onError;
    private readonly Channel<WriteRequest> _writes = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StompFrame>> _receipts = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpQuickAck _quickAck;
    private long _lastReadTicks = Environment.TickCount64;
    private long _lastWriteTicks = Environment.TickCount64;
    private long _receiptCounter;
    private Task _loops = Task.CompletedTask;
    private volatile bool _disconnecting;

    private StompConnection(
        StompClientOptions options, long generation, TcpClient tcp, Stream stream,
        Action<StompMessage> onMessage, Action<StompErrorException> onError, ILogger logger)
    {
        _options = options;
        Generation = generation;
        _tcp = tcp;
        _quickAck = new TcpQuickAck(tcp.Client);
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        _decoder = new StompFrameDecoder(options.CodecLimits);
        _onMessage = onMessage;
        _onError = onError;
        _logger = logger;
    }

    public long Generation { get; }

    public string? Session { get; private set; }

    public string? Server { get; private set; }

    public StompHeartBeatSchedule HeartBeats { get; private set; }

    /// <summary>Completes when the connection is gone: null after an orderly DISCONNECT, else the reason.</summary>
    public Task<Exception?> Completion => _completion.Task;

    public bool IsOpen => !_completion.Task.IsCompleted;

    /// <summary>Opens TCP (and TLS), sends CONNECT and waits for CONNECTED, then starts the loops.</summary>
    public static async Task<StompConnection> ConnectAsync(
        StompClientOptions options, long generation,
        Action<StompMessage> onMessage, Action<StompErrorException> onError,
        ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        Stream? stream = null;
        try
        {
            tcp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            stream = tcp.GetStream();
            if (options.UseTls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new StompTlsVerifier(options).CreateAuthenticationOptions(), timeout.Token)
                    .ConfigureAwait(false);
            }

            var connection = new StompConnection(options, generation, tcp, stream, onMessage, onError, logger);
            try
            {
                await connection.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            connection.StartLoops();
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stream?.Dispose();
            tcp.Dispose();
            throw new StompConnectionException($"connecting to {options.Host}:{options.Port} timed out after {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is not (StompErrorException or StompConnectionException or StompProtocolException or OperationCanceledException))
        {
            stream?.Dispose();
            tcp.Dispose();
            throw new StompConnectionException($"cannot connect to {options.Host}:{options.Port}: {ex.Message}", ex);
        }
        catch
        {
            stream?.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Queues a frame for the write loop; completes once it has been written and flushed to the socket.</summary>
    public Task SendAsync(StompFrame frame, CancellationToken cancellationToken = default) =>
        Enqueue(frame, cancellationToken);

    /// <summary>
    /// Queues a frame for the write loop without waiting for the write: for frames whose fate a later receipt settles
    /// (a transaction's BEGIN, ACK and SEND before its COMMIT), or that may be lost (status messages). Frames go out
    /// in the order they are queued. A write that fails closes the connection, which fails every receipt waiter.
    /// Throws <see cref="StompConnectionException"/> when the connection is already closed.
    /// </summary>
    public void Post(StompFrame frame)
    {
        if (!IsOpen || !_writes.Writer.TryWrite(new WriteRequest(frame, null)))
        {
            throw Closed();
        }
    }

    /// <summary>Sends a frame with a <c>receipt</c> header and waits for the matching RECEIPT.</summary>
    public async Task<StompFrame> SendWithReceiptAsync(StompFrame frame, CancellationToken cancellationToken = default)
    {
        var receiptId = NextReceiptId();
        var waiter = new TaskCompletionSource<StompFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        // When the enqueue below fails, nobody awaits the waiter; a Close racing with it would leave its exception unobserved.
        _ = waiter.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _receipts[receiptId] = waiter;
        try
        {
            var headers = frame.Headers.Where(h => h.Key != StompHeaders.Receipt)
                .Append(new KeyValuePair<string, string>(StompHeaders.Receipt, receiptId));
            // Only the receipt is awaited: it cannot come before the frame was written, and a failed write closes the
            // connection, which fails the waiter. Waiting for the write as well would cost a thread hand-off per frame.
            Post(new StompFrame(frame.Command, headers, frame.Body));
            return await waiter.Task.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Receipts come back in order; a missing one means the connection is broken. Dropping it makes the
            // broker roll back open transactions and redeliver unacked messages.
            var failure = new StompConnectionException($"no RECEIPT for {frame.Command} within {_options.ConnectTimeout.TotalSeconds:0.#} s");
            Close(failure);
            throw failure;
        }
        finally
        {
            _receipts.TryRemove(receiptId, out _);
        }
    }

    /// <summary>Orderly close: DISCONNECT with a receipt, wait for it (bounded), then close the socket.</summary>
    public async Task DisconnectAsync(TimeSpan timeout)
    {
        if (!IsOpen)
        {
            return;
        }

        _disconnecting = true;
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            await SendWithReceiptAsync(new StompFrame(StompCommands.Disconnect), cts.Token).ConfigureAwait(false);
            _logger.LogInformation("STOMP connection #{Generation} disconnected (receipt received)", Generation);
        }
        catch (Exception ex) when (ex is StompConnectionException or OperationCanceledException or StompErrorException)
        {
            _logger.LogWarning("STOMP DISCONNECT on connection #{Generation} was not confirmed: {Reason}", Generation, ex.Message);
        }

        Close(null);
        await WaitForLoopsAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the connection at once (no DISCONNECT).</summary>
    public void Abort(Exception reason) => Close(reason);

    public async ValueTask DisposeAsync()
    {
        Close(new StompConnectionException("connection disposed"));
        await WaitForLoopsAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var requested = new StompHeartBeat((int)_options.ClientHeartBeat.TotalMilliseconds, (int)_options.ServerHeartBeat.TotalMilliseconds);
        var connect = new StompFrame(StompCommands.Connect,
        [
            new(StompHeaders.AcceptVersion, "1.2"),
            new(StompHeaders.HeartBeat, requested.ToString()),
            new(StompHeaders.Host, _options.Host),
            new(StompHeaders.Login, _options.Login),
            new(StompHeaders.Passcode, _options.Passcode),
        ]);
        await _stream.WriteAsync(StompFrameEncoder.Encode(connect), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            StompFrame? frame;
            var decoded = _decoder.TryDecode(ref buffer, out frame);
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (decoded)
            {
                switch (frame!.Command)
                {
                    case StompCommands.Connected:
                        if (frame.GetHeader(StompHeaders.Version) is { } version && version != "1.2")
                        {
                            throw new StompProtocolException($"server chose STOMP version {version}; only 1.2 is supported");
                        }

                        Session = frame.GetHeader(StompHeaders.Session);
                        Server = frame.GetHeader(StompHeaders.Server);
                        HeartBeats = StompHeartBeatSchedule.Negotiate(requested, StompHeartBeat.Parse(frame.GetHeader(StompHeaders.HeartBeat)));
                        return;
                    case StompCommands.Error:
                        throw StompErrorException.FromFrame(frame);
                    default:
                        throw new StompProtocolException($"expected CONNECTED, got {frame.Command}");
                }
            }

            if (result.IsCompleted)
            {
                throw new StompConnectionException("server closed the connection before CONNECTED");
            }
        }
    }

    private void StartLoops()
    {
        var now = Environment.TickCount64;
        Volatile.Write(ref _lastReadTicks, now);
        Volatile.Write(ref _lastWriteTicks, now);
        _loops = Task.WhenAll(
            Task.Run(ReadLoopAsync),
            Task.Run(WriteLoopAsync),
            Task.Run(MonitorLoopAsync));
    }

    private async Task ReadLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await _reader.ReadAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
                _quickAck.AfterRead();
                var buffer = result.Buffer;
                try
                {
                    while (_decoder.TryDecode(ref buffer, out var frame))
                    {
                        Dispatch(frame!);
                    }
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (_disconnecting)
                    {
                        // The broker closes the socket right after the DISCONNECT receipt: an orderly end.
                        Close(null);
                        return;
                    }

                    throw new StompConnectionException("server closed the connection");
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (StompProtocolException ex)
        {
            _logger.LogError("STOMP protocol error on connection #{Generation}, closing it: {Reason}", Generation, ex.Message);
            Close(ex);
        }
        catch (Exception ex) when (_disconnecting && ex is not StompErrorException)
        {
            Close(null);
        }
        catch (Exception ex)
        {
            Close(ex is StompConnectionException or StompErrorException ? ex : new StompConnectionException($"read failed: {ex.Message}", ex));
        }
    }

    private void Dispatch(StompFrame frame)
    {
        switch (frame.Command)
        {
            case StompCommands.Message:
                _onMessage(new StompMessage(frame, Generation));
                break;
            case StompCommands.Receipt:
                if (frame.GetHeader(StompHeaders.ReceiptId) is { } id && _receipts.TryGetValue(id, out var waiter))
                {
                    waiter.TrySetResult(frame);
                }

                break;
            case StompCommands.Error:
                var error = StompErrorException.FromFrame(frame);
                _logger.LogError("STOMP ERROR from the server on connection #{Generation}: {Message}", Generation, error.ErrorMessage);
                _onError(error);
                // STOMP 1.2: the server closes the connection after an ERROR; do not rely on it.
                Close(error);
                break;
            default:
                throw new StompProtocolException($"unexpected {frame.Command} frame from the server");
        }
    }

    private async Task WriteLoopAsync()
    {
        var token = _stop.Token;
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var batch = new List<WriteRequest>();
        try
        {
            while (await _writes.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                // Coalesce whatever is queued into one write, bounded so a burst cannot build a huge buffer.
                while (buffer.WrittenCount < 256 * 1024 && _writes.Reader.TryRead(out var request))
                {
                    if (request.Frame is null)
                    {
                        buffer.Write(StompFrameEncoder.HeartBeat);
                    }
                    else
                    {
                        StompFrameEncoder.Encode(request.Frame, buffer);
                    }

                    batch.Add(request);
                }

                await _stream.WriteAsync(buffer.WrittenMemory, token).ConfigureAwait(false);
                await _stream.FlushAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _lastWriteTicks, Environment.TickCount64);
                foreach (var done in batch)
                {
                    done.Written?.TrySetResult();
                }

                batch.Clear();
                buffer.Clear();
            }
        }
        catch (Exception ex)
        {
            var reason = ex is OperationCanceledException && token.IsCancellationRequested
                ? Closed()
                : new StompConnectionException($"write failed: {ex.Message}", ex);
            foreach (var request in batch)
            {
                request.Written?.TrySetException(reason);
            }

            Close(reason);
        }
        finally
        {
            while (_writes.Reader.TryRead(out var pending))
            {
                pending.Written?.TrySetException(Closed());
            }
        }
    }

    private async Task MonitorLoopAsync()
    {
        var send = HeartBeats.ClientSendInterval;
        var receiveTimeout = HeartBeats.ReceiveTimeout;
        if (send == TimeSpan.Zero && receiveTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var tick = TimeSpan.FromMilliseconds(Math.Max(20, Math.Min(
            send == TimeSpan.Zero ? double.MaxValue : send.TotalMilliseconds / 4,
            receiveTimeout == Timeout.InfiniteTimeSpan ? double.MaxValue : receiveTimeout.TotalMilliseconds / 4)));
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                if (receiveTimeout != Timeout.InfiniteTimeSpan && now - Volatile.Read(ref _lastReadTicks) > receiveTimeout.TotalMilliseconds)
                {
                    _logger.LogWarning("STOMP connection #{Generation}: nothing received for {Seconds:0.#} s (2x the server heart-beat), treating it as dead",
                        Generation, receiveTimeout.TotalSeconds);
                    Close(new StompConnectionException($"heart-beat timeout: no data from the server for {receiveTimeout.TotalSeconds:0.#} s"));
                    return;
                }

                // Beat at half the promised interval, so timer jitter never makes a beat late at the broker.
                if (send != TimeSpan.Zero && now - Volatile.Read(ref _lastWriteTicks) >= send.TotalMilliseconds / 2)
                {
                    _writes.Writer.TryWrite(new WriteRequest(null, null));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task Enqueue(StompFrame frame, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return Task.FromException(Closed());
        }

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.Writer.TryWrite(new WriteRequest(frame, written)))
        {
            return Task.FromException(Closed());
        }

        return cancellationToken.CanBeCanceled ? written.Task.WaitAsync(cancellationToken) : written.Task;
    }

    private void Close(Exception? reason)
    {
        if (!_completion.TrySetResult(reason))
        {
            return;
        }

        _writes.Writer.TryComplete();
        _stop.Cancel();
        // Waiters learn that the connection is gone (StompConnectionException), or the broker's ERROR; a protocol
        // error in an unrelated frame is still just a lost connection to them, whose outcome is unknown.
        var failure = reason switch
        {
            null => Closed(),
            StompConnectionException or StompErrorException => reason,
            _ => new StompConnectionException($"connection #{Generation} closed: {reason.Message}", reason),
        };
        foreach (var waiter in _receipts.Values)
        {
            waiter.TrySetException(failure);
        }

        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
        }

        _tcp.Dispose();
    }

    private async Task WaitForLoopsAsync()
    {
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "STOMP connection #{Generation} loop ended with an error", Generation);
        }
    }

    private StompConnectionException Closed() =>
        new($"STOMP connection #{Generation} is closed" +
            (_completion.Task is { IsCompleted: true, Result: { } why } ? $": {why.Message}" : ""));

    private string NextReceiptId() =>
        string.Create(CultureInfo.InvariantCulture, $"rcpt-{Generation}-{Interlocked.Increment(ref _receiptCounter)}");

    private sealed record WriteRequest(StompFrame? Frame, TaskCompletionSource? Written);
}
