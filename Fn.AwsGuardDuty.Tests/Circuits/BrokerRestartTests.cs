using Fn.AwsGuardDuty.Tests.Infrastructure;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>The broker itself is killed (SIGKILL) and restarted on the same ports while calls are in flight.</summary>
[Category("Broker")]
[NonParallelizable]
public class BrokerRestartTests
{
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartPrivateBroker() => _broker = await SharedActiveMqBroker.StartPrivateAsync();

    [OneTimeTearDown]
    public async Task StopBroker()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Test]
    public async Task Broker_killed_mid_stream_every_message_is_answered_exactly_once()
    {
        await using var harness = await ListenerHarness.StartAsync(_broker, o =>
        {
            o.NumWorkers = 4;
            o.PrefetchLimit = 8;
        });
        var resubscriptions = 0;
        harness.Listener.Resubscribed += _ => Interlocked.Increment(ref resubscriptions);
        var correlations = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            correlations.Add(await harness.Platform.InvokeAsync("fn_test_slow", new { delay_ms = 150 + (i % 4 * 50), n = i }));
        }

        await harness.Platform.WaitForFinalAsync(correlations[2], TimeSpan.FromSeconds(10));
        var lost = new TaskCompletionSource();
        harness.Client.Disconnected += (_, _) => lost.TrySetResult();
        await _broker.KillAsync();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(15)); // the listener saw the crash before the broker comes back
        await _broker.RestartAsync();

        foreach (var correlation in correlations)
        {
            await harness.Platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(30));
        }

        await harness.SettleAsync();
        resubscriptions.Should().BeGreaterThanOrEqualTo(1);
        var finals = harness.Platform.FinalReplyCounts();
        correlations.Should().OnlyContain(c => finals[c] == 1, "each call is answered exactly once");
        harness.Log.RunsByCorrelation.Values.Should().OnlyContain(runs => runs == 1, "no call runs twice within one process");
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }
}
