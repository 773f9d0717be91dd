using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// A small STOMP 1.2 broker on 127.0.0.1 that behaves, on the wire, like the ActiveMQ inside SOAR: queues that hold
/// messages while nobody listens, client-individual/client/auto acks within an <c>activemq.prefetchSize</c> window,
/// transactions applied atomically on COMMIT, redelivery (same message-id, new ack id, <c>redelivered:true</c>) of
/// whatever a dropped consumer had not acknowledged, logins and per-queue read/write rights with ActiveMQ's error
/// texts, receipts and heart-beats. Optional TLS. Tests read its queues and connections and inject faults:
/// dropped connections, a malformed frame, silent heart-beats, slow processing.
/// </summary>
public sealed class SandboxStompBroker : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly SandboxStompBrokerOptions _options;
    private readonly BrokerEngine _engine;
    private readonly BrokerFaults _faults = new();
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, (BrokerConnection Connection, Task Run)> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;
    private long _nextConnectionId;
    private long _refused;
    private int _disposed;

    private SandboxStompBroker(SandboxStompBrokerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _engine = new BrokerEngine(options, logger);
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    public bool UseTls => _options.Certificate is not null;

    /// <summary>e.g. <c>ssl://127.0.0.1:40123</c> or <c>tcp://...</c>, for messages and logs.</summary>
    public string Endpoint => $"{(UseTls ? "ssl" : "tcp")}://{Host}:{Port}";

    /// <summary>Connections accepted since start (including ones dropped or refused later).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _nextConnectionId);

    /// <summary>Connections turned away because <see cref="SandboxStompBrokerOptions.MaxConnections"/> was reached.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    public int ConnectionCount => _connections.Count;

    /// <summary>How long the broker waits before acting on each incoming frame (a slow broker). Zero by default.</summary>
    public TimeSpan ProcessingDelay
    {
        get => _faults.ProcessingDelay;
        set => _faults.ProcessingDelay = value;
    }

    public static Task<SandboxStompBroker> StartAsync(SandboxStompBrokerOptions options, ILogger<SandboxStompBroker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var broker = new SandboxStompBroker(options, logger ?? (ILogger)NullLogger.Instance);
        broker._listener.Start(backlog: 128);
        broker.Port = ((IPEndPoint)broker._listener.LocalEndpoint).Port;
        broker._accepting = Task.Run(() => broker.AcceptLoopAsync(broker._stopping.Token));
        broker._logger.LogInformation("Sandbox STOMP broker listening on {Endpoint} ({Users} user(s))", broker.Endpoint, options.Users.Count);
        return Task.FromResult(broker);
    }

    /// <summary>
    /// Options for the app's <see cref="StompClient"/> against this broker. With TLS the host is <c>localhost</c> (a name in
    /// the certificate) and <paramref name="caFile"/> is the PEM of the CA that issued it.
    /// </summary>
    public StompClientOptions ClientOptions(string login, string passcode, string? caFile = null) => new()
    {
        Host = UseTls ? "localhost" : Host,
        Port = Port,
        UseTls = UseTls,
        CaFile = UseTls ? caFile : null,
        Login = login,
        Passcode = passcode,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        MaxFrameBytes = _options.CodecLimits.MaxBodyBytes,
        MaxHeaderBytes = _options.CodecLimits.MaxHeaderBytes,
        MaxHeaders = _options.CodecLimits.MaxHeaders,
    };

    // ---- state for tests ----

    public IReadOnlyList<SandboxQueueStats> Queues() => _engine.Stats();

    /// <summary>A queue's numbers (all zero when it was never used). Accepts <c>/queue/x</c> or <c>x</c>.</summary>
    public SandboxQueueStats Queue(string destination)
    {
        var name = QueueName.Parse(destination);
        return _engine.Stats().FirstOrDefault(q => q.Name == name) ?? new SandboxQueueStats(name, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>Messages waiting for a consumer.</summary>
    public int QueueDepth(string destination) => Queue(destination).Depth;

    /// <summary>Messages delivered and not acknowledged yet.</summary>
    public int InFlight(string destination) => Queue(destination).InFlight;

    public IReadOnlyList<SandboxConnectionInfo> Connections() =>
        _connections.Values.Select(c => c.Connection.Describe()).OrderBy(c => c.Id).ToList();

    /// <summary>Removes the messages waiting in a queue; returns how many.</summary>
    public int Purge(string destination) => _engine.Purge(QueueName.Parse(destination));

    // ---- fault injection ----

    /// <summary>Drops every open connection now (no ERROR, no DISCONNECT); returns how many.</summary>
    public int DropConnections()
    {
        var count = 0;
        foreach (var (connection, _) in _connections.Values)
        {
            connection.Abort("fault injection: connection dropped");
            count++;
        }

        _logger.LogInformation("Fault: dropped {Count} connection(s)", count);
        return count;
    }

    /// <summary>Drops the connections of one login (e.g. the app's, leaving the platform's alone); returns how many.</summary>
    public int DropConnections(string login)
    {
        var victims = _connections.Values.Select(c => c.Connection).Where(c => c.Login == login).ToList();
        victims.ForEach(c => c.Abort("fault injection: connection dropped"));
        _logger.LogInformation("Fault: dropped {Count} connection(s) of {Login}", victims.Count, login);
        return victims.Count;
    }

    /// <summary>The next <paramref name="count"/> connections are closed right after the TCP accept.</summary>
    public void DropNextConnections(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _faults.DropNextConnections(count);
    }

    /// <summary>
    /// The next <paramref name="count"/> frames with this command cost their connection: before they take effect
    /// (e.g. COMMIT: the transaction is rolled back and its message redelivered) or after (the effect stays, the receipt is lost).
    /// </summary>
    public void DropConnectionOnFrame(string command, int count = 1, bool afterProcessing = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _faults.DropOnFrame(command, count, afterProcessing);
    }

    /// <summary>Writes bytes that are not a valid STOMP frame to every connected client (default: an unknown command).</summary>
    public int SendMalformedFrame(string? raw = null)
    {
        var bytes = Encoding.UTF8.GetBytes(raw ?? "BOGUS\nheader-without-colon\n\n\0");
        var targets = _connections.Values.Select(c => c.Connection).Where(c => c.IsConnected).ToList();
        targets.ForEach(c => c.SendRaw(bytes));
        _logger.LogInformation("Fault: malformed frame sent to {Count} connection(s)", targets.Count);
        return targets.Count;
    }

    /// <summary>
    /// Writes raw bytes (any frames, or garbage) to the connections of one login only, e.g. the app's and not the
    /// platform's; returns how many connections got them.
    /// </summary>
    public int SendRaw(string login, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var targets = _connections.Values.Select(c => c.Connection).Where(c => c.IsConnected && c.Login == login).ToList();
        targets.ForEach(c => c.SendRaw(bytes));
        return targets.Count;
    }

    /// <summary>Open connections stop sending heart-beats (a broker that hangs); new connections beat normally.</summary>
    public int StopHeartBeats()
    {
        var targets = _connections.Values.Select(c => c.Connection).ToList();
        targets.ForEach(c => c.MuteHeartBeats());
        _logger.LogInformation("Fault: heart-beats stopped on {Count} connection(s)", targets.Count);
        return targets.Count;
    }

    /// <summary>Disarms every pending fault and the processing delay.</summary>
    public void ClearFaults() => _faults.Clear();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var (connection, _) in _connections.Values)
        {
            connection.Abort("broker stopping");
        }

        try
        {
            await Task.WhenAll(_connections.Values.Select(c => c.Run)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Sandbox STOMP broker: {Count} connection(s) did not end within 5 s of stopping", _connections.Count);
        }

        _stopping.Dispose();
        _logger.LogInformation("Sandbox STOMP broker on {Endpoint} stopped", Endpoint);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _logger.LogWarning("Sandbox STOMP broker: accept failed: {Reason}", e.Message);
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            if (_faults.TakeConnectionDrop())
            {
                _logger.LogInformation("Fault: connection {Id} dropped on accept", id);
                tcp.Dispose();
                continue;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                Interlocked.Increment(ref _refused);
                _logger.LogWarning("Sandbox STOMP broker: refusing connection {Id}: the maximum of {Max} connections is reached", id, _options.MaxConnections);
                tcp.Dispose();
                continue;
            }

            tcp.NoDelay = true;
            var connection = new BrokerConnection(id, tcp, _options, _engine, _faults, _logger);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = Task.Run(async () =>
            {
                await started.Task.ConfigureAwait(false);
                try
                {
                    await connection.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Sandbox STOMP broker: connection {Id} failed", id);
                    connection.Abort(e.Message);
                }
                finally
                {
                    _connections.TryRemove(id, out _);
                }
            }, CancellationToken.None);
            _connections[id] = (connection, run);
            started.SetResult();
        }
    }
}
