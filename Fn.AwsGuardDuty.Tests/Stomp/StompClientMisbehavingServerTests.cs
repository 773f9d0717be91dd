using System.Net;
using System.Net.Sockets;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Stomp;

/// <summary>A hand-written server on loopback that answers CONNECT and then misbehaves.</summary>
public class StompClientMisbehavingServerTests
{
    [TestCase("MESSAGE\nbad:\\q\n\n\0", "undefined escape")]
    [TestCase("MESSAGE\ncontent-length:999999999\n\n", "exceeds the limit")]
    [TestCase("NONSENSE\n\n\0", "unknown STOMP command")]
    public async Task Malformed_frame_closes_only_that_connection_and_the_client_reconnects(string garbage, string reason)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                using var socket = await listener.AcceptTcpClientAsync();
                var stream = socket.GetStream();
                await ReadFrameAsync(stream);
                await stream.WriteAsync(Encoding.UTF8.GetBytes("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0"));
                if (i == 0)
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(garbage));
                }

                await Task.Delay(500);
            }
        });

        var options = new StompClientOptions
        {
            Host = "127.0.0.1", Port = port, UseTls = false, Login = "u", Passcode = "p",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        await using var client = new StompClient(options, NullLogger<StompClient>.Instance);
        var lost = new TaskCompletionSource<Exception?>();
        var connects = 0;
        client.Disconnected += (_, why) => lost.TrySetResult(why);
        client.Connected += _ => Interlocked.Increment(ref connects);
        client.Start();

        var failure = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        failure.Should().BeOfType<StompProtocolException>().Which.Message.Should().Contain(reason);
        var deadline = Environment.TickCount64 + 5000;
        while (Volatile.Read(ref connects) < 2 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(20);
        }

        connects.Should().Be(2, "the client reconnected after the bad frame");
        await server;
    }

    [Test]
    public async Task Connect_frame_carries_the_SOAR_headers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connectFrame = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var frame = await ReadFrameAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("CONNECTED\nversion:1.2\nheart-beat:15000,0\nserver:fake\n\n\0"));
            await Task.Delay(200);
            return frame;
        });
        var options = new StompClientOptions { Host = "127.0.0.1", Port = port, UseTls = false, Login = "LABKEYID", Passcode = "LAB:SECRET" };

        await using var connection = await StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        var frame = await connectFrame;
        frame.Command.Should().Be("CONNECT");
        frame.Headers.Select(h => $"{h.Key}:{h.Value}").Should().Equal(
            "accept-version:1.2", "heart-beat:0,15000", "host:127.0.0.1", "login:LABKEYID", "passcode:LAB:SECRET");
        connection.Server.Should().Be("fake");
    }

    private static async Task<StompFrame> ReadFrameAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            bytes.Add(buffer[0]);
            if (buffer[0] == 0)
            {
                break;
            }
        }

        return new StompFrameDecoder().DecodeAll(bytes.ToArray()).Single();
    }
}
