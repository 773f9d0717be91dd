using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// A minimal SOCKS server on 127.0.0.1 that tunnels only to 127.0.0.1 or localhost: SOCKS5 (RFC 1928, CONNECT only;
/// RFC 1929 user/password when <c>userName</c> is given) and SOCKS4/4a (the user id must be <c>userName</c> when given).
/// Records each tunnel's target and how many logins it accepted.
/// </summary>
public sealed class LoopbackSocksProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _userName;
    private readonly string? _password;
    private readonly Task _acceptLoop;
    private int _logins;
    private int _refusals;

    public LoopbackSocksProxy(string? userName = null, string? password = null)
    {
        _userName = userName;
        _password = password;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>
    /// When set, a SOCKS5 CONNECT to any host name is tunnelled to 127.0.0.1 on this port: stands in for DNS pointing a real
    /// AWS host name (guardduty-fips.us-east-1.amazonaws.com) at a local emulator, so the client's own endpoint choice is
    /// what gets recorded in <see cref="Tunnels"/>.
    /// </summary>
    public int? RedirectPort { get; init; }

    /// <summary>host:port of every CONNECT that was tunnelled, as the client named it.</summary>
    public ConcurrentQueue<string> Tunnels { get; } = new();

    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Handshakes refused: wrong credentials, no acceptable method, or a target that is not loopback.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var target = await HandshakeAsync(stream, _stop.Token);
                if (target is null)
                {
                    Interlocked.Increment(ref _refusals);
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, RedirectPort ?? target.Value.Port, _stop.Token);
                // Reply: granted/succeeded, bound address 127.0.0.1:local port.
                var bound = (ushort)((IPEndPoint)upstream.Client.LocalEndPoint!).Port;
                byte[] reply = target.Value.Version == 4 ? [0, 0x5A, 0, 0, 127, 0, 0, 1] : [5, 0, 0, 1, 127, 0, 0, 1, 0, 0];
                BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(target.Value.Version == 4 ? 2 : 8), bound);
                await stream.WriteAsync(reply, _stop.Token);
                Tunnels.Enqueue($"{target.Value.Host}:{target.Value.Port}");

                var up = upstream.GetStream();
                await Task.WhenAny(stream.CopyToAsync(up, _stop.Token), up.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
                // The client or the target closed; the tunnel ends.
            }
        }
    }

    private async Task<(string Host, int Port, int Version)?> HandshakeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var version = (await ReadAsync(stream, 1, cancellationToken))[0];
        if (version == 4)
        {
            return await Socks4HandshakeAsync(stream, cancellationToken);
        }

        if (version != 5)
        {
            return null;
        }

        var methods = await ReadAsync(stream, (await ReadAsync(stream, 1, cancellationToken))[0], cancellationToken);
        byte wanted = _userName is null ? (byte)0 : (byte)2;
        if (!methods.Contains(wanted))
        {
            await stream.WriteAsync(new byte[] { 5, 0xFF }, cancellationToken);
            return null;
        }

        await stream.WriteAsync(new byte[] { 5, wanted }, cancellationToken);
        if (_userName is not null)
        {
            var auth = await ReadAsync(stream, 2, cancellationToken);
            var user = Encoding.UTF8.GetString(await ReadAsync(stream, auth[1], cancellationToken));
            var passwordLength = (await ReadAsync(stream, 1, cancellationToken))[0];
            var password = Encoding.UTF8.GetString(await ReadAsync(stream, passwordLength, cancellationToken));
            var ok = auth[0] == 1 && user == _userName && password == _password;
            await stream.WriteAsync(new byte[] { 1, ok ? (byte)0 : (byte)1 }, cancellationToken);
            if (!ok)
            {
                return null;
            }

            Interlocked.Increment(ref _logins);
        }

        var request = await ReadAsync(stream, 4, cancellationToken);
        string host;
        switch (request[3])
        {
            case 1:
                host = new IPAddress(await ReadAsync(stream, 4, cancellationToken)).ToString();
                break;
            case 3:
                var length = (await ReadAsync(stream, 1, cancellationToken))[0];
                host = Encoding.ASCII.GetString(await ReadAsync(stream, length, cancellationToken));
                break;
            case 4:
                host = new IPAddress(await ReadAsync(stream, 16, cancellationToken)).ToString();
                break;
            default:
                return null;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(await ReadAsync(stream, 2, cancellationToken));
        if (request[0] != 5 || request[1] != 1 || (RedirectPort is null && host is not ("127.0.0.1" or "localhost")))
        {
            // 0x02: connection not allowed by ruleset.
            await stream.WriteAsync(new byte[] { 5, 2, 0, 1, 0, 0, 0, 0, 0, 0 }, cancellationToken);
            return null;
        }

        return (host, port, 5);
    }

    private async Task<(string Host, int Port, int Version)?> Socks4HandshakeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(stream, 7, cancellationToken);
        var port = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(1));
        var address = request.AsSpan(3, 4).ToArray();
        var user = await ReadNulTerminatedAsync(stream, cancellationToken);
        // SOCKS4a: 0.0.0.x (x != 0) means the host name follows.
        var host = address[0] == 0 && address[1] == 0 && address[2] == 0 && address[3] != 0
            ? await ReadNulTerminatedAsync(stream, cancellationToken)
            : new IPAddress(address).ToString();
        var ok = request[0] == 1 && host is ("127.0.0.1" or "localhost") && (_userName is null || user == _userName);
        if (!ok)
        {
            await stream.WriteAsync(new byte[] { 0, 0x5B, 0, 0, 0, 0, 0, 0 }, cancellationToken);
            return null;
        }

        if (_userName is not null)
        {
            Interlocked.Increment(ref _logins);
        }

        return (host, port, 4);
    }

    private static async Task<string> ReadNulTerminatedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        while ((await ReadAsync(stream, 1, cancellationToken))[0] is var b && b != 0)
        {
            bytes.Add(b);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
