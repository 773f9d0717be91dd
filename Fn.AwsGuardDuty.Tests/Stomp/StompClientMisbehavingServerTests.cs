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

    [TestCase(false, TestName = "AckAndSend returns only when the COMMIT's receipt arrives")]
    [TestCase(true, TestName = "AckAndSend fails as a lost connection when the connection drops before the COMMIT's receipt")]
    public async Task AckAndSend_is_settled_by_the_commit_receipt(bool dropBeforeReceipt)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var transactionRead = new TaskCompletionSource<StompFrame[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answerNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            await ReadFrameAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0"));
            var subscribe = await ReadFrameAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{subscribe.GetHeader("receipt")}\n\n\0"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(
                $"MESSAGE\ndestination:/queue/in\nmessage-id:m-1\nsubscription:{subscribe.GetHeader("id")}\nack:a-1\ncontent-length:2\n\n{{}}\0"));
            var frames = new StompFrame[4];
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = await ReadFrameAsync(stream);
            }

            transactionRead.SetResult(frames);
            await answerNow.Task;
            if (!dropBeforeReceipt)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{frames[3].GetHeader("receipt")}\n\n\0"));
                await Task.Delay(200);
            }
        });

        var options = new StompClientOptions
        {
            Host = "127.0.0.1", Port = port, UseTls = false, Login = "u", Passcode = "p",
            ReconnectInitialDelay = TimeSpan.FromSeconds(30), ReconnectMaxDelay = TimeSpan.FromSeconds(30),
        };
        await using var client = new StompClient(options, NullLogger<StompClient>.Instance);
        var received = new TaskCompletionSource<StompMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SetMessageHandler(m => received.TrySetResult(m));
        await client.SubscribeAsync(new StompSubscription("/queue/in"));
        client.Start();
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var answer = client.AckAndSendAsync(message, "/queue/reply", [new("correlation-id", "c-1")], Encoding.UTF8.GetBytes("{\"ok\":1}"));

        var frames = await transactionRead.Task.WaitAsync(TimeSpan.FromSeconds(5));
        frames.Select(f => f.Command).Should().Equal("BEGIN", "ACK", "SEND", "COMMIT");
        var transaction = frames[0].GetHeader("transaction");
        transaction.Should().NotBeNullOrEmpty();
        frames.Should().OnlyContain(f => f.GetHeader("transaction") == transaction, "all four frames belong to one transaction");
        frames[1].GetHeader("id").Should().Be("a-1");
        frames[2].GetHeader("destination").Should().Be("/queue/reply");
        Encoding.UTF8.GetString(frames[2].Body.Span).Should().Be("{\"ok\":1}");
        frames[3].GetHeader("receipt").Should().NotBeNullOrEmpty();
        await Task.Delay(300);
        answer.IsCompleted.Should().BeFalse("the frames were written, but only the COMMIT's receipt settles the answer");

        answerNow.SetResult();
        if (dropBeforeReceipt)
        {
            await answer.Awaiting(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<StompConnectionException>();
        }
        else
        {
            await answer.WaitAsync(TimeSpan.FromSeconds(5));
        }

        await server;
    }

    [Test]
    public async Task A_posted_status_goes_out_before_a_later_frame_and_posting_on_a_closed_connection_says_so()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            await ReadFrameAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0"));
            var first = await ReadFrameAsync(stream);
            var second = await ReadFrameAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{second.GetHeader("receipt")}\n\n\0"));
            await Task.Delay(200);
            return (first, second);
        });
        var options = new StompClientOptions { Host = "127.0.0.1", Port = port, UseTls = false, Login = "u", Passcode = "p" };
        var connection = await StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        connection.Post(new StompFrame("SEND", [new("destination", "/queue/status")], Encoding.UTF8.GetBytes("status")));
        await connection.SendWithReceiptAsync(new StompFrame("SEND", [new("destination", "/queue/final")], Encoding.UTF8.GetBytes("final")))
            .WaitAsync(TimeSpan.FromSeconds(5));

        var (first, second) = await server;
        first.GetHeader("destination").Should().Be("/queue/status");
        second.GetHeader("destination").Should().Be("/queue/final");
        await connection.DisposeAsync();
        connection.Invoking(c => c.Post(new StompFrame("SEND", [new("destination", "/queue/status")], ReadOnlyMemory<byte>.Empty)))
            .Should().Throw<StompConnectionException>().WithMessage("*closed*");
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
