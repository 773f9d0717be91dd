using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of the broker that can break the path on demand: <see cref="SeverAll"/> drops
/// every connection (the client sees a reset, the broker sees the consumer go away), <see cref="Refuse"/> turns new
/// connections away, and <see cref="Blackhole"/> keeps connections open but silently discards traffic (a dead peer).
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private volatile bool _refusing;
    private volatile bool _blackhole;

    public TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public int ConnectionsAccepted { get; private set; }

    public void Refuse(bool refuse) => _refusing = refuse;

    public void Blackhole(bool blackhole) => _blackhole = blackhole;

    public void SeverAll()
    {
        foreach (var (client, upstream) in _pairs)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            upstream.Dispose();
        }

        _pairs.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        SeverAll();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_refusing)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            ConnectionsAccepted++;
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            _pairs[client] = upstream;
            _ = PumpAsync(client, upstream);
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient upstream)
    {
        try
        {
            await Task.WhenAny(Copy(client.GetStream(), upstream.GetStream()), Copy(upstream.GetStream(), client.GetStream()));
        }
        finally
        {
            _pairs.TryRemove(client, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task Copy(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (!_blackhole)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
    }
}
