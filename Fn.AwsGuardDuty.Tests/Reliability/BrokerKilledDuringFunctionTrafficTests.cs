using System.Diagnostics;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Reliability.Support;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 1: a real ActiveMQ is killed with SIGKILL in the middle of a steady stream of archive-finding calls
/// served by the real listener and the real function handlers (GuardDuty emulator behind them), then restarted on the
/// same ports and data. Every function message must be answered exactly once.
/// </summary>
[Category("Broker")]
[Category("Reliability")]
[NonParallelizable]
[Order(1)]
public sealed partial class BrokerKilledDuringFunctionTrafficTests
{
    private const int Calls = 600;
    private const int CallsPerSecond = 100;
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartPrivateBroker()
    {
        _broker = await SharedActiveMqBroker.StartPrivateAsync();
        LogBook.Run.AddSecret("ActiveMQ password", _broker.Password);
        LogBook.Run.AddSecret("ActiveMQ password", _broker.NoReadPassword);
    }

    [OneTimeTearDown]
    public async Task StopBroker()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Test]
    public async Task Broker_killed_and_restarted_mid_stream_every_function_message_is_answered_exactly_once()
    {
        await using var stack = await FunctionStack.StartAsync("broker-kill listener", _broker.ClientOptions(), _broker.ClientOptions(),
            o => o.PrefetchLimit = 20);
        var findings = stack.SeedFindings(200, seed: 8101);
        var resubscriptions = 0;
        stack.Listener.Resubscribed += _ => Interlocked.Increment(ref resubscriptions);
        var clock = Stopwatch.StartNew();
        var correlations = new List<string>(Calls);
        Task? crash = null;

        for (var i = 0; i < Calls; i++)
        {
            if (i == Calls / 3)
            {
                // Killed while the broker holds queued calls, unacked deliveries and replies in flight.
                crash = Task.Run(async () =>
                {
                    await _broker.KillAsync();
                    await Task.Delay(1500);
                    await _broker.RestartAsync();
                });
            }

            correlations.Add(await stack.Platform.InvokeAsync(FunctionNames.ArchiveFinding, stack.FindingInputs(findings[i % findings.Count])));
            var due = TimeSpan.FromSeconds((i + 1) / (double)CallsPerSecond);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }

        await crash!;
        var published = clock.Elapsed;
        foreach (var correlation in correlations)
        {
            await stack.Platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(60));
        }

        // The positive signal that no duplicate is on its way: every delivery the listener took has finished its answer
        // path, then a sentinel call is answered (its reply is queued behind any reply sent before it).
        await Eventually.HoldsAsync(() => stack.Listener.ActiveCalls == 0, TimeSpan.FromSeconds(30), () => $"{stack.Listener.ActiveCalls} call(s) active");
        var sentinel = await stack.Platform.CallAsync(FunctionNames.ArchiveFinding, stack.FindingInputs(findings[0]));
        await Eventually.HoldsAsync(() => stack.Listener.ActiveCalls == 0, TimeSpan.FromSeconds(30), () => $"{stack.Listener.ActiveCalls} call(s) active");
        var finals = stack.Platform.FinalReplyCounts();
        // A SEND whose receipt the crash swallowed is published again by the platform, as SOAR does: that correlation id
        // then names two messages, and two answers are right. Every other call must have exactly one.
        var republished = stack.PlatformLogs.Lines
            .Select(line => RetriedPublish().Match(line))
            .Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var correlation in correlations)
        {
            var allowed = 1 + republished.GetValueOrDefault(correlation);
            finals[correlation].Should().BeInRange(1, allowed, $"call {correlation} was published {allowed} time(s)");
            if (allowed == 1)
            {
                finals[correlation].Should().Be(1, $"call {correlation} is answered exactly once");
            }
        }

        finals.Keys.Except(correlations).Should().Equal([sentinel.CorrelationId], "no answer arrives for a call nobody made");
        resubscriptions.Should().BeGreaterThanOrEqualTo(1, "the listener came back after the restart");
        var errors = correlations.Select(c => stack.Platform.RepliesFor(c).Last(r => r.Value<bool>("complete")))
            .Where(r => r.Value<int>("message_type") != 0).ToList();
        errors.Should().BeEmpty("every archive succeeded: the GuardDuty side never failed");
        stack.GuardDuty.State.Calls.Count("ArchiveFindings").Should().BeGreaterThanOrEqualTo(Calls);
        await stack.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, stack.Platform.ActionsQueue)).Should().Be(0, "every message was ACKed");
        TestContext.Out.WriteLine($"{Calls} calls published in {published.TotalSeconds:0.0} s around a broker kill; " +
                                  $"{republished.Count} republished by the platform; {resubscriptions} resubscription(s)");
    }

    [GeneratedRegex(@"Publishing (invid:\d+) failed")]
    private static partial Regex RetriedPublish();
}
