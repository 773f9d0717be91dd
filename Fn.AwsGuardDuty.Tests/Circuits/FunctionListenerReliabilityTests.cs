using Fn.AwsGuardDuty.Tests.Infrastructure;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>Connections dropped, brokers killed: every message answered exactly once, nothing run twice.</summary>
[Category("Broker")]
public class FunctionListenerReliabilityTests
{
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await SharedActiveMqBroker.GetAsync();

    [Test]
    public async Task Redelivery_while_running_adopts_the_new_ack_id_and_runs_once()
    {
        await using var proxy = new TcpFaultProxy(_broker.StompPort);
        var options = _broker.ClientOptions();
        options.Port = proxy.Port;
        await using var harness = await ListenerHarness.StartAsync(_broker, clientOptions: options);
        var correlation = await harness.Platform.InvokeAsync("fn_test_slow", new { block = true });
        await harness.Log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var resubscribed = new TaskCompletionSource();
        harness.Listener.Resubscribed += _ => resubscribed.TrySetResult();

        proxy.SeverAll();
        await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await harness.Logs.WaitForAsync("redelivered while its function runs; the new ack id will be used");
        harness.Log.Gate.TrySetResult();

        await harness.Platform.WaitForFinalAsync(correlation);
        await harness.SettleAsync();
        harness.Platform.RepliesFor(correlation).Should().ContainSingle(r => r.Value<bool>("complete"));
        harness.Log.RunsByCorrelation[correlation].Should().Be(1);
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0, "the redelivery was ACKed with its new ack id");
    }

    [Test]
    public async Task A_call_finished_while_disconnected_is_answered_once_and_its_redelivery_only_ACKed()
    {
        await using var proxy = new TcpFaultProxy(_broker.StompPort);
        var options = _broker.ClientOptions();
        options.Port = proxy.Port;
        await using var harness = await ListenerHarness.StartAsync(_broker, clientOptions: options);
        var correlation = await harness.Platform.InvokeAsync("fn_test_slow", new { block = true });
        await harness.Log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        proxy.Refuse(true);
        proxy.SeverAll();
        harness.Log.Gate.TrySetResult(); // finishes with no connection: the ACK cannot go out, the reply waits
        await WaitForAnyAsync(harness, "finished after its connection was lost", "not confirmed");
        harness.Platform.RepliesFor(correlation).Should().BeEmpty();
        proxy.Refuse(false);

        await harness.Platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(15));
        await harness.Logs.WaitForAsync("was already answered; ACKing the redelivery without running it again");
        await harness.SettleAsync();
        harness.Platform.RepliesFor(correlation).Count(r => r.Value<bool>("complete")).Should().Be(1);
        harness.Log.RunsByCorrelation[correlation].Should().Be(1, "the redelivered message was already answered");
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0, "the redelivery was ACKed");
    }

    [Test]
    public async Task Unacked_message_is_redelivered_to_another_consumer_when_ours_drops()
    {
        await using var proxy = new TcpFaultProxy(_broker.StompPort);
        var options = _broker.ClientOptions();
        options.Port = proxy.Port;
        await using var first = await ListenerHarness.StartAsync(_broker, clientOptions: options);
        var correlation = await first.Platform.InvokeAsync("fn_test_slow", new { block = true });
        await first.Log.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        proxy.Refuse(true);
        proxy.SeverAll();
        await using var second = await ListenerHarness.StartAsync(_broker, o => o.OrgId = first.Options.OrgId);
        second.Log.Gate.TrySetResult();

        // Both harnesses' platforms consume the same acks queue, so the reply reaches one of them.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (AllReplies().Count(r => r.Value<bool>("complete")) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await second.SettleAsync(first.Platform);
        AllReplies().Where(r => r.Value<bool>("complete")).Should().ContainSingle()
            .Which["message"]!.ToString().Should().Be("Completed");
        second.Log.RunsByCorrelation[correlation].Should().Be(1);
        first.Log.Gate.TrySetResult();

        IEnumerable<Newtonsoft.Json.Linq.JObject> AllReplies() =>
            first.Platform.RepliesFor(correlation).Concat(second.Platform.RepliesFor(correlation));
    }

    /// <summary>Waits for the answer path to report that the answer could not go out, whichever way it noticed.</summary>
    private static async Task WaitForAnyAsync(ListenerHarness harness, params string[] fragments)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!fragments.Any(f => harness.Logs.Count(f) > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"none of [{string.Join(" | ", fragments)}] was logged:\n{string.Join('\n', harness.Logs.Lines)}");
            }

            await Task.Delay(10);
        }
    }
}
