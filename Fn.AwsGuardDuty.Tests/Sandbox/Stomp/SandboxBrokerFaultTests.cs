using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Stomp;
using static Fn.AwsGuardDuty.Tests.Sandbox.Stomp.RawStompConnection;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>Heart-beats both ways, the injectable faults, the connection limit and TLS.</summary>
public class SandboxBrokerFaultTests : SandboxBrokerTestBase
{
    [Test]
    public async Task The_broker_beats_as_often_as_the_client_asks()
    {
        await using var app = await ConnectAsync(heartBeat: "0,100");

        await app.DrainAsync(TimeSpan.FromMilliseconds(650));

        app.HeartBeats.Should().BeInRange(3, 8);
    }

    [Test]
    public async Task A_client_that_promised_heart_beats_and_went_silent_is_dropped()
    {
        await using var app = await ConnectAsync(heartBeat: "100,0");

        (await app.WaitClosedAsync(TimeSpan.FromSeconds(2))).Should().BeTrue();
    }

    [Test]
    public async Task A_client_that_keeps_beating_stays_connected()
    {
        await using var app = await ConnectAsync(heartBeat: "100,0");
        for (var i = 0; i < 8; i++)
        {
            await app.SendRawAsync("\n"u8.ToArray());
            await Task.Delay(60);
        }

        app.Closed.Should().BeFalse();
        (await app.TryReadAsync(TimeSpan.FromMilliseconds(50))).Should().BeNull();
        app.Closed.Should().BeFalse();
    }

    [Test]
    public async Task Stopped_heart_beats_go_quiet_on_open_connections_only()
    {
        await using var muted = await ConnectAsync(heartBeat: "0,50");
        Broker.StopHeartBeats().Should().BeGreaterThanOrEqualTo(1);
        await muted.DrainAsync(TimeSpan.FromMilliseconds(100));
        var before = muted.HeartBeats;
        await using var fresh = await ConnectAsync(heartBeat: "0,50");

        await muted.DrainAsync(TimeSpan.FromMilliseconds(400));
        await fresh.DrainAsync(TimeSpan.FromMilliseconds(100));

        muted.HeartBeats.Should().Be(before);
        fresh.HeartBeats.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Dropping_connections_closes_every_socket_without_an_ERROR()
    {
        await using var one = await ConnectAsync();
        await using var two = await ConnectAsync(PlatformLogin, PlatformPasscode);

        Broker.DropConnections(PlatformLogin).Should().Be(1);
        (await two.WaitClosedAsync(TimeSpan.FromSeconds(2))).Should().BeTrue();
        one.Closed.Should().BeFalse();
        Broker.DropConnections().Should().BeGreaterThanOrEqualTo(1);

        (await one.TryReadAsync(TimeSpan.FromSeconds(2))).Should().BeNull("no ERROR frame is sent");
        one.Closed.Should().BeTrue();
    }

    [Test]
    public async Task The_next_connections_can_be_dropped_on_accept()
    {
        Broker.DropNextConnections(1);

        await using var dropped = await OpenAsync(Broker.Port);
        await using var next = await ConnectAsync();

        (await dropped.WaitClosedAsync(TimeSpan.FromSeconds(2))).Should().BeTrue();
        next.Closed.Should().BeFalse();
    }

    [Test]
    public async Task A_COMMIT_dropped_before_it_applies_rolls_back_and_one_dropped_after_keeps_its_effect()
    {
        var (queue, replies) = (NewQueue(), NewQueue());
        await using (var sender = await ConnectAsync())
        {
            await sender.SendAsync(Frame("SEND", "call", ("destination", queue), ("receipt", "s")));
            await sender.ReadAsync();
        }

        foreach (var after in new[] { false, true })
        {
            Broker.DropConnectionOnFrame("COMMIT", afterProcessing: after);
            await using var app = await ConnectAsync();
            await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", "s")));
            var message = await app.ReadAsync();
            await app.SendAsync(Frame("BEGIN", null, ("transaction", "t")));
            await app.SendAsync(Frame("ACK", null, ("id", message.GetHeader("ack")!), ("transaction", "t")));
            await app.SendAsync(Frame("SEND", "answer", ("destination", replies), ("transaction", "t")));
            await app.SendAsync(Frame("COMMIT", null, ("transaction", "t"), ("receipt", "c")));

            (await app.TryReadAsync(TimeSpan.FromSeconds(2))).Should().BeNull("the receipt is lost either way");
            app.Closed.Should().BeTrue();
            await Task.Delay(50);
            if (after)
            {
                Broker.Queue(queue).Should().Match<SandboxQueueStats>(q => q.Depth == 0 && q.InFlight == 0);
                Broker.QueueDepth(replies).Should().Be(1);
            }
            else
            {
                Broker.QueueDepth(queue).Should().Be(1, "the message comes back for redelivery");
                Broker.QueueDepth(replies).Should().Be(0);
            }
        }
    }

    [Test]
    public async Task A_malformed_frame_reaches_every_connected_client()
    {
        await using var app = await ConnectAsync();

        Broker.SendMalformedFrame().Should().BeGreaterThanOrEqualTo(1);

        await FluentActions.Awaiting(() => app.ReadAsync()).Should().ThrowAsync<StompProtocolException>();
    }

    [Test]
    public async Task A_processing_delay_slows_every_answer()
    {
        await using var app = await ConnectAsync();
        Broker.ProcessingDelay = TimeSpan.FromMilliseconds(150);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await app.SendAsync(Frame("BEGIN", null, ("transaction", "t"), ("receipt", "r")));
        await app.ReadAsync();

        watch.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(140);
    }

    [Test]
    public async Task Connections_beyond_the_maximum_are_turned_away()
    {
        var options = Options();
        options.MaxConnections = 1;
        await using var broker = await SandboxStompBroker.StartAsync(options);
        await using var first = await RawStompConnection.ConnectAsync(broker.Port, AppLogin, AppPasscode);

        await using var second = await OpenAsync(broker.Port);

        (await second.WaitClosedAsync(TimeSpan.FromSeconds(2))).Should().BeTrue();
        broker.ConnectionsRefused.Should().Be(1);
        first.Closed.Should().BeFalse();
    }

    [Test]
    public async Task TLS_with_a_certificate_from_the_sandbox_CA()
    {
        using var ca = LocalCertificateAuthority.Create("stomp test CA");
        using var certificate = ca.IssueServerCertificate("localhost", "127.0.0.1");
        var options = Options();
        options.Certificate = certificate;
        await using var broker = await SandboxStompBroker.StartAsync(options);
        await using var raw = await OpenAsync(broker.Port, ca.ExportCertificatePem());

        await raw.SendAsync(Frame("CONNECT", null, ("accept-version", "1.2"), ("login", AppLogin), ("passcode", AppPasscode)));

        (await raw.ReadAsync()).Command.Should().Be("CONNECTED");
        broker.Endpoint.Should().StartWith("ssl://127.0.0.1:");
    }

    [Test]
    public async Task Invalid_options_are_refused_up_front()
    {
        var options = Options();
        options.MaxConnections = 0;
        options.DefaultPrefetch = 0;

        await FluentActions.Awaiting(() => SandboxStompBroker.StartAsync(options)).Should().ThrowAsync<ArgumentException>()
            .WithMessage("*MaxConnections*DefaultPrefetch*");
    }
}
