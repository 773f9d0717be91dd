using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>
/// A bare STOMP peer for wire-level broker tests: it writes exactly the frames a test gives it (no client logic in
/// between) and reads frames, heart-beat EOLs and the close of the socket.
/// </summary>
internal sealed class RawStompConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly StompFrameDecoder _decoder = new();
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private ReadOnlySequence<byte> _pending = ReadOnlySequence<byte>.Empty;

    private RawStompConnection(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>EOLs seen between frames (heart-beats).</summary>
    public int HeartBeats { get; private set; }

    public bool Closed { get; private set; }

    public static async Task<RawStompConnection> OpenAsync(int port, string? caPem = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        Stream stream = tcp.GetStream();
        if (caPem is not null)
        {
            var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(caPem);
            var ssl = new SslStream(stream, false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
                {
                    TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
            });
            stream = ssl;
        }

        return new RawStompConnection(tcp, stream);
    }

    public static async Task<RawStompConnection> ConnectAsync(int port, string login, string passcode, string heartBeat = "0,0")
    {
        var connection = await OpenAsync(port);
        await connection.SendAsync(Frame(StompCommands.Connect, null,
            ("accept-version", "1.2"), ("host", "127.0.0.1"), ("login", login), ("passcode", passcode), ("heart-beat", heartBeat)));
        var connected = await connection.ReadAsync();
        connected.Command.Should().Be(StompCommands.Connected, connected.GetHeader("message"));
        return connection;
    }

    public static StompFrame Frame(string command, string? body, params (string Name, string Value)[] headers) =>
        StompFrame.Create(command, body, headers);

    public async Task SendAsync(StompFrame frame)
    {
        await _stream.WriteAsync(StompFrameEncoder.Encode(frame));
        await _stream.FlushAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next frame; fails when the socket closes or nothing comes within the timeout.</summary>
    public async Task<StompFrame> ReadAsync(TimeSpan? timeout = null) =>
        await TryReadAsync(timeout ?? TimeSpan.FromSeconds(5)) ?? throw new AssertionException(Closed ? "the broker closed the connection" : "no frame arrived in time");

    /// <summary>The next frame, or null on close or timeout (see <see cref="Closed"/>).</summary>
    public async Task<StompFrame?> TryReadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            HeartBeats += LeadingLineFeeds(_pending);
            var buffer = _pending;
            var decoded = _decoder.TryDecode(ref buffer, out var frame);
            _pending = new ReadOnlySequence<byte>(buffer.ToArray());
            if (decoded)
            {
                return frame;
            }

            if (Closed)
            {
                return null;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_readBuffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read == 0)
            {
                Closed = true;
                continue;
            }

            _pending = new ReadOnlySequence<byte>([.. _pending.ToArray(), .. _readBuffer.AsSpan(0, read).ToArray()]);
        }
    }

    /// <summary>Waits until the broker closes the socket, skipping frames; false on timeout.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Closed && DateTime.UtcNow < deadline)
        {
            await TryReadAsync(deadline - DateTime.UtcNow);
        }

        return Closed;
    }

    /// <summary>Reads for a while, collecting frames and counting heart-beats.</summary>
    public async Task<IReadOnlyList<StompFrame>> DrainAsync(TimeSpan duration)
    {
        var frames = new List<StompFrame>();
        var deadline = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < deadline && !Closed)
        {
            if (await TryReadAsync(deadline - DateTime.UtcNow) is { } frame)
            {
                frames.Add(frame);
            }
        }

        return frames;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>EOLs before the next frame: the decoder skips them as heart-beats.</summary>
    private static int LeadingLineFeeds(ReadOnlySequence<byte> pending)
    {
        var count = 0;
        foreach (var b in pending.ToArray())
        {
            if (b == (byte)'\n')
            {
                count++;
            }
            else if (b != (byte)'\r')
            {
                break;
            }
        }

        return count;
    }
}
