using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// One client socket: an optional TLS handshake, a read loop that decodes frames and hands them to its
/// <see cref="BrokerSession"/> one at a time, a write loop that owns the socket's write side, and a monitor that
/// sends heart-beats and drops a client that went silent. When it ends, for whatever reason, the engine takes its
/// unacknowledged messages back for redelivery.
/// </summary>
internal sealed class BrokerConnection
{
    private static readonly byte[] HeartBeat = [(byte)'\n'];

    private readonly TcpClient _tcp;
    private readonly SandboxStompBrokerOptions _options;
    private readonly BrokerEngine _engine;
    private readonly BrokerFaults _faults;
    private readonly ILogger _logger;
    private readonly BrokerSession _session;
    private readonly Channel<Outgoing> _writes = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _openedTicks = Environment.TickCount64;
    private Stream _stream;
    private long _lastReadTicks = Environment.TickCount64;
    private long _lastWriteTicks = Environment.TickCount64;
    private volatile bool _heartBeatsMuted;
    private volatile bool _finishing;

    public BrokerConnection(long id, TcpClient tcp, SandboxStompBrokerOptions options, BrokerEngine engine, BrokerFaults faults, ILogger logger)
    {
        Id = id;
        _tcp = tcp;
        _stream = tcp.GetStream();
        _options = options;
        _engine = engine;
        _faults = faults;
        _logger = logger;
        RemoteEndPoint = tcp.Client.RemoteEndPoint?.ToString() ?? "?";
        _session = new BrokerSession(this, engine, options, logger);
    }

    public long Id { get; }

    public string RemoteEndPoint { get; }

    /// <summary>Subscriptions by id; owned by the engine and only touched under its lock.</summary>
    public Dictionary<string, BrokerSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by the engine (under its lock) once the connection's messages went back to their queues.</summary>
    public bool Released { get; set; }

    public bool IsOpen => !_closed.Task.IsCompleted;

    public bool IsConnected => _session.IsConnected;

    public string? Login => _session.Login;

    public int OpenTransactions => _session.OpenTransactions;

    public SandboxConnectionInfo Describe() =>
        new(Id, Login, IsConnected, RemoteEndPoint, _engine.SubscriptionsOf(this), OpenTransactions);

    /// <summary>Queues a frame for the write loop; frames for a closed connection are dropped.</summary>
    public void Send(StompFrame frame) => _writes.Writer.TryWrite(new Outgoing(frame, null, false));

    /// <summary>Queues raw bytes (fault injection: a malformed frame).</summary>
    public void SendRaw(byte[] bytes) => _writes.Writer.TryWrite(new Outgoing(null, bytes, false));

    /// <summary>From now on this connection sends no heart-beats (it still sends frames).</summary>
    public void MuteHeartBeats() => _heartBeatsMuted = true;

    /// <summary>Drops the socket at once, with no ERROR and no receipt.</summary>
    public void Abort(string reason) => Close(reason);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            if (_options.Certificate is { } certificate)
            {
                var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
                _stream = ssl;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                handshake.CancelAfter(_options.ConnectTimeout);
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = certificate, ClientCertificateRequired = false }, handshake.Token)
                    .ConfigureAwait(false);
            }

            await Task.WhenAll(ReadLoopAsync(linked.Token), WriteLoopAsync(linked.Token), MonitorLoopAsync(linked.Token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            Close(e.Message);
        }
        finally
        {
            Close("connection ended");
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var decoder = new StompFrameDecoder(_options.CodecLimits);
        try
        {
            while (IsOpen)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
                var buffer = result.Buffer;
                try
                {
                    while (IsOpen && !_finishing && decoder.TryDecode(ref buffer, out var frame))
                    {
                        await HandleAsync(frame!, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (StompProtocolException e)
                {
                    Fail(e.Message, null);
                    return;
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (_finishing)
                {
                    return; // the write loop closes the socket once the ERROR or RECEIPT is out
                }

                if (result.IsCompleted)
                {
                    Close(_session.DisconnectRequested ? "client disconnected" : "client closed the socket");
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Close(e is OperationCanceledException ? "stopped" : e.Message);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(StompFrame frame, CancellationToken cancellationToken)
    {
        if (_faults.ProcessingDelay is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        if (_faults.TakeFrameDrop(frame.Command, afterProcessing: false))
        {
            Close($"fault injection: dropped on {frame.Command} before it took effect");
            return;
        }

        string? receipt;
        try
        {
            receipt = _session.Handle(frame);
        }
        catch (BrokerProtocolException e)
        {
            Fail(e.Message, frame.GetHeader(StompHeaders.Receipt));
            return;
        }

        if (_faults.TakeFrameDrop(frame.Command, afterProcessing: true))
        {
            Close($"fault injection: dropped after {frame.Command} took effect, before its receipt");
            return;
        }

        if (receipt is not null)
        {
            Send(BrokerFrames.Receipt(receipt));
        }

        if (_session.DisconnectRequested)
        {
            _finishing = true;
            _writes.Writer.TryWrite(new Outgoing(null, null, true));
        }
    }

    /// <summary>ERROR frame, then close once it is written (STOMP 1.2: the server closes after an ERROR).</summary>
    private void Fail(string message, string? receipt)
    {
        _logger.LogInformation("STOMP connection {Id} ({Login}): ERROR {Message}", Id, Login ?? "-", message);
        _finishing = true;
        _writes.Writer.TryWrite(new Outgoing(BrokerFrames.Error(message, receipt), null, true));
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (await _writes.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var closeAfter = false;
                while (!closeAfter && buffer.WrittenCount < 256 * 1024 && _writes.Reader.TryRead(out var item))
                {
                    if (item.Frame is not null)
                    {
                        StompFrameEncoder.Encode(item.Frame, buffer);
                    }
                    else if (item.Raw is not null)
                    {
                        buffer.Write(item.Raw);
                    }

                    closeAfter = item.CloseAfter;
                }

                if (buffer.WrittenCount > 0)
                {
                    await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _lastWriteTicks, Environment.TickCount64);
                    buffer.Clear();
                }

                if (closeAfter)
                {
                    Close("closed after ERROR or DISCONNECT");
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Close(e is OperationCanceledException ? "stopped" : e.Message);
        }
    }

    private async Task MonitorLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (IsOpen)
            {
                var (send, receive) = _session.HeartBeats;
                var shortest = new[] { send, receive }.Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromMilliseconds(200)).Min();
                var tick = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 5, 250));
                await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
                var now = Environment.TickCount64;
                if (!_session.IsConnected)
                {
                    if (now - _openedTicks > _options.ConnectTimeout.TotalMilliseconds)
                    {
                        Close("no CONNECT within the connect timeout");
                    }

                    continue;
                }

                if (receive > TimeSpan.Zero && now - Volatile.Read(ref _lastReadTicks) > receive.TotalMilliseconds * _options.HeartBeatGraceMultiplier)
                {
                    _logger.LogWarning("STOMP connection {Id} ({Login}): no heart-beat for {Ms} ms, closing it", Id, Login ?? "-", now - Volatile.Read(ref _lastReadTicks));
                    Close("client heart-beat timeout");
                    return;
                }

                if (send > TimeSpan.Zero && !_heartBeatsMuted && now - Volatile.Read(ref _lastWriteTicks) >= send.TotalMilliseconds)
                {
                    _writes.Writer.TryWrite(new Outgoing(null, HeartBeat, false));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Close(string reason)
    {
        if (!_closed.TrySetResult())
        {
            return;
        }

        _logger.LogDebug("STOMP connection {Id} ({Login}) closed: {Reason}", Id, Login ?? "-", reason);
        _writes.Writer.TryComplete();
        _stop.Cancel();
        _engine.Release(this);
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
        }

        _tcp.Dispose();
    }

    private sealed record Outgoing(StompFrame? Frame, byte[]? Raw, bool CloseAfter);
}
