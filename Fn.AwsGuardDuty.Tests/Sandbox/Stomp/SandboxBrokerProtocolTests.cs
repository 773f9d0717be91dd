using Fn.AwsGuardDuty.Stomp;
using static Fn.AwsGuardDuty.Tests.Sandbox.Stomp.RawStompConnection;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>The broker's side of STOMP 1.2 on the wire: handshake, credentials, rights, queues, acks and receipts.</summary>
public class SandboxBrokerProtocolTests : SandboxBrokerTestBase
{
    [Test]
    public async Task Connect_is_answered_as_ActiveMQ_does_with_the_heart_beats_mirrored()
    {
        await using var raw = await OpenAsync(Broker.Port);
        await raw.SendAsync(Frame("CONNECT", null, ("accept-version", "1.2"), ("heart-beat", "0,15000"), ("host", "soar.example.com"),
            ("login", AppLogin), ("passcode", AppPasscode)));

        var connected = await raw.ReadAsync();

        connected.Command.Should().Be("CONNECTED");
        connected.GetHeader("version").Should().Be("1.2");
        connected.GetHeader("heart-beat").Should().Be("15000,0");
        connected.GetHeader("server").Should().StartWith("ActiveMQ/");
        connected.GetHeader("session").Should().StartWith("ID:");
        Broker.Connections().Should().ContainSingle(c => c.Login == AppLogin && c.Connected);
    }

    [Test]
    public async Task A_wrong_password_gets_ActiveMQs_error_and_the_connection_is_closed()
    {
        await using var raw = await OpenAsync(Broker.Port);
        await raw.SendAsync(Frame("CONNECT", null, ("accept-version", "1.2"), ("login", AppLogin), ("passcode", "wrong")));

        var error = await raw.ReadAsync();

        error.Command.Should().Be("ERROR");
        error.GetHeader("message").Should().Be($"User name [{AppLogin}] or password is invalid.");
        error.GetBodyText().Should().NotContain("wrong", "the passcode is never echoed");
        (await raw.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
    }

    [TestCase("STOMP", "1.0,1.1", "Supported protocol versions are 1.2")]
    [TestCase("SEND", "1.2", "Not connected.")]
    public async Task Wrong_first_frames_are_refused(string command, string versions, string message)
    {
        await using var raw = await OpenAsync(Broker.Port);
        await raw.SendAsync(Frame(command, command == "SEND" ? "x" : null,
            ("accept-version", versions), ("destination", "/queue/q"), ("login", AppLogin), ("passcode", AppPasscode)));

        var error = await raw.ReadAsync();

        error.Command.Should().Be("ERROR");
        error.GetHeader("message").Should().Be(message);
        (await raw.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
    }

    [Test]
    public async Task A_queue_holds_messages_until_someone_subscribes_and_both_spellings_name_the_same_queue()
    {
        var queue = NewQueue("actions.201");
        await using var platform = await ConnectAsync(PlatformLogin, PlatformPasscode);
        await platform.SendAsync(Frame("SEND", "{\"function\":{}}", ("destination", "/queue/" + queue), ("reply-to", "acks.201.fn_x"),
            ("correlation-id", "invid:501"), ("Co3ContextToken", "tok.en"), ("Co3MessagePayload", "FunctionDataDTO"), ("persistent", "true"),
            ("receipt", "r-1")));
        (await platform.ReadAsync()).GetHeader("receipt-id").Should().Be("r-1");
        Broker.QueueDepth(queue).Should().Be(1);

        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("activemq.prefetchSize", "5"), ("destination", queue), ("id", queue)));
        var message = await app.ReadAsync();

        message.Command.Should().Be("MESSAGE");
        message.GetHeader("destination").Should().Be("/queue/" + queue);
        message.GetHeader("subscription").Should().Be(queue);
        message.GetHeader("message-id").Should().StartWith("ID:");
        message.GetHeader("ack").Should().StartWith("ID:").And.NotBe(message.GetHeader("message-id"));
        message.GetHeader("reply-to").Should().Be("/queue/acks.201.fn_x", "a bare reply-to comes back as a /queue/ destination");
        message.GetHeader("correlation-id").Should().Be("invid:501");
        message.GetHeader("Co3ContextToken").Should().Be("tok.en");
        message.GetHeader("Co3MessagePayload").Should().Be("FunctionDataDTO");
        message.GetHeader("persistent").Should().Be("true");
        message.GetHeader("redelivered").Should().BeNull();
        message.GetBodyText().Should().Be("{\"function\":{}}");
        await Eventually(() => Broker.Queue(queue) is { Depth: 0, InFlight: 1 }, "the message is in flight");

        await app.SendAsync(Frame("ACK", null, ("id", message.GetHeader("ack")!), ("receipt", "a-1")));
        (await app.ReadAsync()).GetHeader("receipt-id").Should().Be("a-1");
        Broker.Queue(queue).Should().Match<Fn.AwsGuardDuty.Sandbox.Stomp.SandboxQueueStats>(q => q.Depth == 0 && q.InFlight == 0 && q.Dequeued == 1);
    }

    [Test]
    public async Task The_prefetch_window_bounds_unacknowledged_deliveries()
    {
        var queue = NewQueue();
        await using var app = await ConnectAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.SendAsync(Frame("SEND", $"m{i}", ("destination", queue)));
        }

        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("activemq.prefetchSize", "2"), ("destination", queue), ("id", "s")));
        var first = await app.ReadAsync();
        var second = await app.ReadAsync();
        (await app.TryReadAsync(TimeSpan.FromMilliseconds(200))).Should().BeNull("two are unacknowledged");
        Broker.Queue(queue).Should().Match<Fn.AwsGuardDuty.Sandbox.Stomp.SandboxQueueStats>(q => q.Depth == 3 && q.InFlight == 2);

        await app.SendAsync(Frame("ACK", null, ("id", second.GetHeader("ack")!)));
        var third = await app.ReadAsync();

        new[] { first, second, third }.Select(f => f.GetBodyText()).Should().Equal("m0", "m1", "m2");
    }

    [Test]
    public async Task Client_mode_ACK_is_cumulative()
    {
        var queue = NewQueue();
        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client"), ("destination", "/queue/" + queue), ("id", "s")));
        for (var i = 0; i < 3; i++)
        {
            await app.SendAsync(Frame("SEND", $"m{i}", ("destination", queue)));
        }

        var messages = new[] { await app.ReadAsync(), await app.ReadAsync(), await app.ReadAsync() };
        await app.SendAsync(Frame("ACK", null, ("id", messages[1].GetHeader("ack")!), ("receipt", "r")));
        await app.ReadAsync();

        Broker.InFlight(queue).Should().Be(1, "the ACK of the second message covered the first too");
    }

    [Test]
    public async Task Unacknowledged_messages_come_back_with_the_same_message_id_a_new_ack_id_and_redelivered_true()
    {
        var queue = NewQueue();
        var first = await ConnectAsync();
        await first.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", queue)));
        await first.SendAsync(Frame("SEND", "payload", ("destination", queue)));
        var original = await first.ReadAsync();
        await first.DisposeAsync();
        await Eventually(() => Broker.QueueDepth(queue) == 1, "the message is back in the queue");

        await using var second = await ConnectAsync();
        await second.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", queue)));
        var again = await second.ReadAsync();

        again.GetHeader("message-id").Should().Be(original.GetHeader("message-id"));
        again.GetHeader("ack").Should().NotBe(original.GetHeader("ack"));
        again.GetHeader("redelivered").Should().Be("true");
        again.GetBodyText().Should().Be("payload");
        Broker.Queue(queue).Redelivered.Should().Be(1);
    }

    [Test]
    public async Task A_transaction_applies_its_ACK_and_SEND_together_on_COMMIT()
    {
        var (queue, replies) = (NewQueue(), NewQueue());
        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", "s")));
        await app.SendAsync(Frame("SEND", "call", ("destination", queue)));
        var message = await app.ReadAsync();

        await app.SendAsync(Frame("BEGIN", null, ("transaction", "tx-1")));
        await app.SendAsync(Frame("ACK", null, ("id", message.GetHeader("ack")!), ("transaction", "tx-1")));
        await app.SendAsync(Frame("SEND", "answer", ("destination", "/queue/" + replies), ("transaction", "tx-1"), ("receipt", "before")));
        (await app.ReadAsync()).GetHeader("receipt-id").Should().Be("before");
        Broker.InFlight(queue).Should().Be(1, "nothing is applied before COMMIT");
        Broker.QueueDepth(replies).Should().Be(0);

        await app.SendAsync(Frame("COMMIT", null, ("transaction", "tx-1"), ("receipt", "commit")));
        (await app.ReadAsync()).GetHeader("receipt-id").Should().Be("commit");

        Broker.InFlight(queue).Should().Be(0);
        Broker.QueueDepth(replies).Should().Be(1);
    }

    [Test]
    public async Task ABORT_or_a_lost_connection_rolls_the_transaction_back()
    {
        var (queue, replies) = (NewQueue(), NewQueue());
        var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", "s")));
        await app.SendAsync(Frame("SEND", "call", ("destination", queue)));
        var message = await app.ReadAsync();
        foreach (var tx in new[] { "aborted", "never-committed" })
        {
            await app.SendAsync(Frame("BEGIN", null, ("transaction", tx)));
            await app.SendAsync(Frame("ACK", null, ("id", message.GetHeader("ack")!), ("transaction", tx)));
            await app.SendAsync(Frame("SEND", "answer", ("destination", replies), ("transaction", tx)));
        }

        await app.SendAsync(Frame("ABORT", null, ("transaction", "aborted"), ("receipt", "abort")));
        (await app.ReadAsync()).GetHeader("receipt-id").Should().Be("abort");
        Broker.InFlight(queue).Should().Be(1);
        await app.DisposeAsync();

        await Eventually(() => Broker.QueueDepth(queue) == 1, "the message is back for redelivery");
        Broker.QueueDepth(replies).Should().Be(0, "neither transaction's SEND happened");
    }

    [TestCase("COMMIT", "transaction:nope", "Invalid transaction id: nope")]
    [TestCase("BEGIN", null, "Must specify the transaction you are beginning")]
    [TestCase("ACK", "id:ID\\cnot-delivered", "Unexpected ACK received for message-id [ID:not-delivered]")]
    [TestCase("UNSUBSCRIBE", "id:nothing", "No subscription matched.")]
    [TestCase("SEND", "destination:/topic/news", "Unsupported destination '/topic/news': the sandbox broker has queues only (/queue/<name> or <name>)")]
    [TestCase("SEND", null, "SEND received without a Destination specified!")]
    public async Task Refused_frames_get_an_ERROR_with_the_receipt_id_and_the_connection_closes(string command, string? header, string message)
    {
        await using var app = await ConnectAsync();
        var headers = new List<(string, string)> { ("receipt", "r-9") };
        if (header is not null)
        {
            var colon = header.IndexOf(':');
            headers.Add((header[..colon], StompHeaderEscaping.Unescape(header[(colon + 1)..])));
        }

        await app.SendAsync(Frame(command, null, [.. headers]));
        var error = await app.ReadAsync();

        error.Command.Should().Be("ERROR");
        error.GetHeader("message").Should().Be(message);
        error.GetHeader("receipt-id").Should().Be("r-9");
        (await app.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
    }

    [Test]
    public async Task A_second_subscription_with_the_same_id_is_refused()
    {
        var queue = NewQueue();
        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("destination", queue), ("id", queue)));
        await app.SendAsync(Frame("SUBSCRIBE", null, ("destination", queue), ("id", queue)));

        (await app.ReadAsync()).GetHeader("message").Should().StartWith($"There already is a subscription for: {queue}.");
    }

    [Test]
    public async Task NACK_dead_letters_the_message()
    {
        var queue = NewQueue();
        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", "s")));
        await app.SendAsync(Frame("SEND", "poison", ("destination", queue)));
        var message = await app.ReadAsync();

        await app.SendAsync(Frame("NACK", null, ("id", message.GetHeader("ack")!), ("receipt", "n")));
        await app.ReadAsync();

        Broker.Queue(queue).InFlight.Should().Be(0);
        Broker.QueueDepth("ActiveMQ.DLQ").Should().BeGreaterThanOrEqualTo(1);
        Broker.Purge("ActiveMQ.DLQ");
    }

    [Test]
    public async Task Reading_a_function_queue_without_the_right_is_refused_with_ActiveMQs_words()
    {
        await using var noRead = await ConnectAsync(NoReadLogin, NoReadPasscode);
        await noRead.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", "actions.201.fn_aws_gd"),
            ("id", "actions.201.fn_aws_gd"), ("receipt", "sub-1")));

        var error = await noRead.ReadAsync();

        error.Command.Should().Be("ERROR");
        error.GetHeader("message").Should().Be($"User {NoReadLogin} is not authorized to read from: queue://actions.201.fn_aws_gd");
        error.GetHeader("receipt-id").Should().Be("sub-1");
        (await noRead.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
        Broker.Queue("actions.201.fn_aws_gd").Consumers.Should().Be(0);
    }

    [Test]
    public async Task Writing_without_the_right_is_refused()
    {
        await using var noRead = await ConnectAsync(NoReadLogin, NoReadPasscode);
        await noRead.SendAsync(Frame("SEND", "x", ("destination", "/queue/actions.201.fn_aws_gd")));

        (await noRead.ReadAsync()).GetHeader("message").Should().Be($"User {NoReadLogin} is not authorized to write to: queue://actions.201.fn_aws_gd");
    }

    [Test]
    public async Task DISCONNECT_with_a_receipt_is_confirmed_then_closed_and_unacked_messages_return()
    {
        var queue = NewQueue();
        await using var app = await ConnectAsync();
        await app.SendAsync(Frame("SUBSCRIBE", null, ("ack", "client-individual"), ("destination", queue), ("id", "s")));
        await app.SendAsync(Frame("SEND", "m", ("destination", queue)));
        await app.ReadAsync();

        await app.SendAsync(Frame("DISCONNECT", null, ("receipt", "bye")));

        (await app.ReadAsync()).GetHeader("receipt-id").Should().Be("bye");
        (await app.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
        await Eventually(() => Broker.QueueDepth(queue) == 1, "the unacked message is back");
    }

    [Test]
    public async Task A_frame_the_codec_cannot_read_gets_an_ERROR_and_the_connection_closes()
    {
        await using var app = await ConnectAsync();
        await app.SendRawAsync("SEND\ndestination:q\ncontent-length:99999999\n\n"u8.ToArray());

        var error = await app.ReadAsync();

        error.Command.Should().Be("ERROR");
        error.GetHeader("message").Should().Contain("exceeds the limit");
        (await app.WaitClosedAsync(TimeSpan.FromSeconds(3))).Should().BeTrue();
    }
}
