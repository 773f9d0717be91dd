using System.Collections.Concurrent;
using System.Text;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Stomp;

[Category("Broker")]
public class StompClientBrokerTests
{
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await SharedActiveMqBroker.GetAsync();

    private static string UniqueQueue() => $"/queue/stomp-test.{Guid.NewGuid():N}";

    private static StompClient NewClient(StompClientOptions options) => new(options, NullLogger<StompClient>.Instance);

    [Test]
    public async Task Connects_negotiates_and_reports_the_server()
    {
        await using var connection = await StompConnection.ConnectAsync(_broker.ClientOptions(), 1, _ => { }, _ => { },
            NullLogger.Instance, CancellationToken.None);

        connection.Server.Should().StartWith("ActiveMQ/");
        connection.Session.Should().NotBeNullOrEmpty();
        connection.HeartBeats.ServerSendInterval.Should().Be(TimeSpan.FromSeconds(15));
        await connection.DisconnectAsync(TimeSpan.FromSeconds(5));
        (await connection.Completion).Should().BeNull("an orderly DISCONNECT has no failure");
    }

    [Test]
    public async Task Bad_credentials_raise_the_brokers_ERROR_message()
    {
        var act = () => StompConnection.ConnectAsync(_broker.ClientOptions(passcode: "nope-SECRET"), 1, _ => { }, _ => { },
            NullLogger.Instance, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<StompErrorException>()).Which;
        error.ErrorMessage.Should().Contain("password is invalid");
        error.IsAuthorizationFailure.Should().BeTrue();
        error.Message.Should().NotContain("nope-SECRET");
    }

    [Test]
    public async Task Tls_with_the_issuing_CA_connects()
    {
        await using var connection = await StompConnection.ConnectAsync(_broker.ClientOptions(tls: true), 1, _ => { }, _ => { },
            NullLogger.Instance, CancellationToken.None);

        connection.IsOpen.Should().BeTrue();
    }

    [Test]
    public async Task Tls_with_a_wrong_CA_is_refused()
    {
        var act = () => StompConnection.ConnectAsync(_broker.ClientOptions(tls: true, caFile: _broker.WrongCaCertificatePath), 1,
            _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        (await act.Should().ThrowAsync<StompConnectionException>()).Which.InnerException
            .Should().BeAssignableTo<System.Security.Authentication.AuthenticationException>();
    }

    [Test]
    public async Task Tls_without_a_CA_file_uses_system_roots_and_refuses_the_test_certificate()
    {
        var options = _broker.ClientOptions(tls: true);
        options.CaFile = null;

        var act = () => StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        await act.Should().ThrowAsync<StompConnectionException>();
    }

    [Test]
    public async Task Tls_with_a_host_name_not_in_the_certificate_is_refused()
    {
        var options = _broker.ClientOptions(tls: true);
        options.Host = "127.0.0.2"; // routes to loopback, but the certificate names only localhost and 127.0.0.1

        var act = () => StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        await act.Should().ThrowAsync<StompConnectionException>();
    }

    [Test]
    public async Task Tls_verification_off_accepts_any_certificate()
    {
        var options = _broker.ClientOptions(tls: true, caFile: _broker.WrongCaCertificatePath);
        options.CaFile = null;
        options.VerifyServerCertificate = false;

        await using var connection = await StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        connection.IsOpen.Should().BeTrue();
    }

    [Test]
    public async Task Send_subscribe_and_ack_round_trip_with_escaped_headers_and_NUL_bodies()
    {
        var queue = UniqueQueue();
        var received = new ConcurrentQueue<StompMessage>();
        await using var client = NewClient(_broker.ClientOptions());
        client.SetMessageHandler(received.Enqueue);
        await client.SubscribeAsync(new StompSubscription(queue) { ExtraHeaders = [new(StompHeaders.PrefetchSize, "5")] });
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));

        byte[] body = [.. "a\0b"u8, 0, .. Encoding.UTF8.GetBytes("ü")];
        await client.SendAsync(queue, [new("correlation-id", "invid:501"), new("x-odd", "a:b\\c\nd")], body, withReceipt: true);

        await WaitUntil(() => !received.IsEmpty);
        var message = received.Single();
        message.Body.ToArray().Should().Equal(body);
        message.GetHeader("correlation-id").Should().Be("invid:501");
        message.GetHeader("x-odd").Should().Be("a:b\\c\nd");
        message.Subscription.Should().Be(queue);
        message.Generation.Should().Be(client.Generation);
        await client.AckAsync(message);
        await client.StopAsync(TimeSpan.FromSeconds(5));

        (await QueueProbe.DrainAsync(_broker, queue)).Should().Be(0);
    }

    [Test]
    public async Task Ack_for_a_message_from_a_dead_connection_fails_cleanly_and_the_broker_redelivers()
    {
        var queue = UniqueQueue();
        await using var proxy = new TcpFaultProxy(_broker.StompPort);
        var options = _broker.ClientOptions();
        options.Port = proxy.Port;
        var received = new ConcurrentQueue<StompMessage>();
        await using var client = NewClient(options);
        client.SetMessageHandler(received.Enqueue);
        var connections = 0;
        client.Connected += _ => Interlocked.Increment(ref connections);
        await client.SubscribeAsync(new StompSubscription(queue));
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await client.SendAsync(queue, [], "one"u8.ToArray(), withReceipt: true);
        await WaitUntil(() => received.Count == 1);

        proxy.SeverAll();
        await WaitUntil(() => received.Count == 2 && Volatile.Read(ref connections) == 2);

        var stale = received.First();
        var fresh = received.Last();
        fresh.MessageId.Should().Be(stale.MessageId, "the broker redelivers the same message");
        fresh.Generation.Should().BeGreaterThan(stale.Generation);
        await FluentActions.Awaiting(() => client.AckAsync(stale)).Should().ThrowAsync<StompStaleMessageException>();
        await client.AckAsync(fresh);
        await client.StopAsync(TimeSpan.FromSeconds(5));
        (await QueueProbe.DrainAsync(_broker, queue)).Should().Be(0);
    }

    [Test]
    public async Task Nack_in_client_individual_mode_is_accepted()
    {
        var queue = UniqueQueue();
        var received = new ConcurrentQueue<StompMessage>();
        await using var client = NewClient(_broker.ClientOptions());
        client.SetMessageHandler(received.Enqueue);
        await client.SubscribeAsync(new StompSubscription(queue));
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await client.SendAsync(queue, [], "x"u8.ToArray(), withReceipt: true);
        await WaitUntil(() => !received.IsEmpty);

        await client.NackAsync(received.First());
        await client.SendAsync(queue, [], "y"u8.ToArray(), withReceipt: true);

        client.State.Should().Be(StompConnectionState.Connected);
    }

    [Test]
    public async Task Silent_server_is_detected_by_the_heart_beat_check_and_the_client_reconnects()
    {
        await using var proxy = new TcpFaultProxy(_broker.StompPort);
        var options = _broker.ClientOptions();
        options.Port = proxy.Port;
        options.ServerHeartBeat = TimeSpan.FromMilliseconds(300);
        await using var client = NewClient(options);
        var lost = new TaskCompletionSource<Exception?>();
        client.Disconnected += (_, reason) => lost.TrySetResult(reason);
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        client.State.Should().Be(StompConnectionState.Connected, "ActiveMQ's heart-beats keep the connection alive");

        proxy.Blackhole(true);
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        proxy.Blackhole(false);
        proxy.SeverAll();

        reason!.Message.Should().Contain("heart-beat timeout");
        await WaitUntil(() => client.State == StompConnectionState.Connected && client.Generation >= 2);
    }

    [Test]
    public async Task Broker_asking_for_client_heart_beats_gets_them()
    {
        var options = _broker.ClientOptions();
        options.ClientHeartBeat = TimeSpan.FromMilliseconds(200);
        await using var connection = await StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        connection.HeartBeats.ClientSendInterval.Should().BeGreaterThan(TimeSpan.Zero);
        await Task.Delay(1500);

        connection.IsOpen.Should().BeTrue("ActiveMQ drops a client that promised beats and sent none");
    }

    private static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(20);
        }
    }
}
