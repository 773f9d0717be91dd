using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>The app's FunctionListener and the SOAR platform publisher, talking through the sandbox broker.</summary>
public class SandboxBrokerListenerTests : SandboxBrokerTestBase
{
    [Test]
    public async Task A_call_gets_its_statuses_in_order_then_the_envelope_and_leaves_the_queue_empty()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker);

        var reply = await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = "abc" });

        reply.Statuses.Should().Equal("status one", "status two");
        reply.MessageType.Should().Be(0);
        reply.Message.Should().Be("Completed");
        reply.Success.Should().BeTrue();
        reply.Content!["echo"]!.Value<string>().Should().Be("abc");
        reply.Results!["inputs"]!["in_text"]!.Value<string>().Should().Be("abc");
        reply.Latency.Should().BePositive();
        harness.Platform.Latencies.Summary(GateHandler.FunctionName).Count.Should().Be(1);
        await Eventually(() => Broker.Queue(harness.ActionsQueue) is { Depth: 0, InFlight: 0, Dequeued: 1 }, "the message is acknowledged");
    }

    [Test]
    public async Task An_error_reply_is_a_message_type_1_with_no_results()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker);

        var reply = await harness.Platform.CallAsync("fn_nobody_serves", new JObject());

        reply.IsError.Should().BeTrue();
        reply.Results.Should().BeNull();
        reply.Message.Should().Contain("fn_nobody_serves");
    }

    [Test]
    public async Task The_prefetch_size_bounds_what_the_listener_holds()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker, configureListener: o => (o.NumWorkers, o.PrefetchLimit) = (2, 2));
        var calls = Enumerable.Range(0, 5).Select(_ => harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["block"] = true })).ToList();

        await Eventually(() => Broker.Queue(harness.ActionsQueue) is { InFlight: 2, Depth: 3 }, "two are delivered and three wait");
        harness.Handler.Gate.TrySetResult();
        var replies = await Task.WhenAll(calls);

        replies.Should().OnlyContain(r => r.Success);
        harness.Handler.Runs.Values.Should().OnlyContain(n => n == 1).And.HaveCount(5);
    }

    [Test]
    public async Task A_connection_dropped_mid_call_is_redelivered_and_answered_exactly_once()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker);
        var resubscribed = new TaskCompletionSource();
        harness.Listener.Resubscribed += _ => resubscribed.TrySetResult();
        var correlation = await harness.Platform.InvokeAsync(GateHandler.FunctionName, new { block = true });
        await harness.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Broker.DropConnections(AppLogin).Should().Be(1);
        await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually(() => Broker.InFlight(harness.ActionsQueue) == 1, "the message is redelivered to the new connection");
        harness.Handler.Gate.TrySetResult();

        await harness.Platform.WaitForFinalAsync(correlation);
        await Task.Delay(200);
        harness.Platform.FinalReplyCounts()[correlation].Should().Be(1);
        harness.Handler.Runs[correlation].Should().Be(1);
        await Eventually(() => Broker.Queue(harness.ActionsQueue) is { Depth: 0, InFlight: 0 }, "the redelivery is acknowledged");
    }

    [TestCase(false, TestName = "A COMMIT lost before it applies: redelivered, answered once")]
    [TestCase(true, TestName = "A COMMIT receipt lost after it applied: not redelivered, answered once")]
    public async Task The_ACK_and_the_answer_commit_together(bool afterProcessing)
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker);
        Broker.DropConnectionOnFrame("COMMIT", afterProcessing: afterProcessing);

        var correlation = await harness.Platform.InvokeAsync(GateHandler.FunctionName, new { in_text = "x" });

        await harness.Platform.WaitForFinalAsync(correlation);
        await Task.Delay(300);
        harness.Platform.FinalReplyCounts()[correlation].Should().Be(1);
        harness.Handler.Runs[correlation].Should().Be(1);
        var queue = Broker.Queue(harness.ActionsQueue);
        queue.Should().Match<Fn.AwsGuardDuty.Sandbox.Stomp.SandboxQueueStats>(q => q.Depth == 0 && q.InFlight == 0);
        queue.Redelivered.Should().Be(afterProcessing ? 0 : 1);
    }

    [Test]
    public async Task A_key_without_read_rights_stops_the_listener_with_an_authorisation_error()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker, NoReadLogin, NoReadPasscode, waitForSubscription: false);

        var failure = await FluentActions.Awaiting(() => harness.Listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<ListenerAuthorizationException>();

        failure.Which.BrokerMessage.Should().Be($"User {NoReadLogin} is not authorized to read from: queue://{harness.ActionsQueue}");
        await FluentActions.Awaiting(() => harness.Listener.Completion.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<ListenerAuthorizationException>();
    }

    [Test]
    public async Task A_wrong_passcode_stops_the_listener_with_an_authorisation_error()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker, AppLogin, "not-the-secret", waitForSubscription: false);

        var failure = await FluentActions.Awaiting(() => harness.Listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<ListenerAuthorizationException>();

        failure.Which.BrokerMessage.Should().Be($"User name [{AppLogin}] or password is invalid.");
        failure.Which.Message.Should().NotContain("not-the-secret");
    }

    [Test]
    public async Task After_a_malformed_frame_the_listener_reconnects_and_serves_again()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker);
        var resubscribed = new TaskCompletionSource<long>();
        harness.Listener.Resubscribed += generation => resubscribed.TrySetResult(generation);
        var connectionsBefore = Broker.ConnectionsAccepted;

        Broker.SendMalformedFrame().Should().Be(2, "the listener's and the platform's connections");

        (await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeGreaterThan(1);
        Broker.ConnectionsAccepted.Should().BeGreaterThan(connectionsBefore);
        (await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = "again" })).Content!["echo"]!.Value<string>()
            .Should().Be("again");
    }

    [Test]
    public async Task When_the_broker_stops_beating_the_listener_reconnects_and_serves_again()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(Broker, configureClient: c => c.ServerHeartBeat = TimeSpan.FromMilliseconds(100));
        var resubscribed = new TaskCompletionSource<long>();
        harness.Listener.Resubscribed += generation => resubscribed.TrySetResult(generation);

        Broker.StopHeartBeats();

        (await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeGreaterThan(1);
        (await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = "alive" })).Content!["echo"]!.Value<string>()
            .Should().Be("alive");
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    public async Task Over_TLS_with_the_sandbox_CA(string host)
    {
        using var ca = LocalCertificateAuthority.Create("listener test CA");
        using var certificate = ca.IssueServerCertificate("localhost", "127.0.0.1");
        var caFile = Path.Combine(Path.GetTempPath(), $"sandbox-stomp-ca-{Guid.NewGuid():N}.pem");
        ca.WriteCertificatePem(caFile);
        var options = Options();
        options.Certificate = certificate;
        try
        {
            await using var broker = await Fn.AwsGuardDuty.Sandbox.Stomp.SandboxStompBroker.StartAsync(options);
            await using var harness = await SandboxListenerHarness.StartAsync(broker, caFile: caFile, configureClient: c => c.Host = host);

            var reply = await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = "tls" });

            reply.Content!["echo"]!.Value<string>().Should().Be("tls");
        }
        finally
        {
            File.Delete(caFile);
        }
    }
}
