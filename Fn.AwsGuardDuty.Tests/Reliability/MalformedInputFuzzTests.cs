using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Reliability.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 5: 10,000 hostile inputs at the real listener with the real function handlers: function-message bodies
/// published to its queue as SOAR would (random text, truncated and mutated bodies, wrong JSON types, huge and deeply
/// nested inputs, other functions with random inputs) and raw STOMP bytes the broker writes into the listener's own
/// connection (mutated MESSAGE frames, broken headers and content-lengths, unexpected commands, garbage). The sandbox
/// STOMP broker is used because only a broker can put such frames on the wire. No crash and no task failing unseen,
/// every message that came through the queue is answered exactly once (errors naming the problem in a bounded text),
/// nothing stays unacked, the listener still serves calls afterwards, and memory stays flat. The corpus is seeded
/// (<see cref="Seed"/>), so a failure reproduces.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(5)]
public sealed class MalformedInputFuzzTests
{
    private const int Items = 10_000;
    private const int Seed = 80_005;
    private const int FramesPerBurst = 20;
    private const int WarmUp = 1500;
    private const string AppLogin = "fuzz-app";
    private const string PlatformLogin = "fuzz-platform";

    [Test]
    public async Task Ten_thousand_random_and_mutated_frames_and_bodies_no_crash_every_answerable_message_answered_memory_flat()
    {
        var appPasscode = "app-passcode-" + RandomNumberGenerator.GetHexString(16);
        var platformPasscode = "platform-passcode-" + RandomNumberGenerator.GetHexString(16);
        await using var broker = await SandboxStompBroker.StartAsync(new SandboxStompBrokerOptions
        {
            Users = [new SandboxStompUser(AppLogin, appPasscode), new SandboxStompUser(PlatformLogin, platformPasscode)],
        });
        var listenerClient = broker.ClientOptions(AppLogin, appPasscode);
        listenerClient.ReconnectInitialDelay = TimeSpan.FromMilliseconds(10);
        listenerClient.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        await using var stack = await FunctionStack.StartAsync("fuzz listener", listenerClient, broker.ClientOptions(PlatformLogin, platformPasscode),
            o =>
            {
                o.PrefetchLimit = 16;
                // The answered-message cache is the listener's one store that grows with traffic, up to its capacity
                // (10,000 by default). A small one fills during the warm-up, so what follows measures a steady state.
                o.AnsweredCacheCapacity = 500;
            });
        await using var lean = await LeanPlatform.StartAsync(broker.ClientOptions(PlatformLogin, platformPasscode), stack.Options.OrgId,
            stack.Options.Destination, NullLogger<StompClient>.Instance);
        var unobserved = new ConcurrentQueue<string>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) =>
            unobserved.Enqueue($"{e.Exception.InnerException?.GetType().Name}: {e.Exception.InnerException?.Message}");
        TaskScheduler.UnobservedTaskException += onUnobserved;
        var expected = new Dictionary<string, BodyKind>();
        try
        {
            var findingId = stack.SeedFindings(1, seed: 8501)[0];
            var corpus = new FuzzCorpus(Seed, findingId, stack.Detector.DetectorId, FunctionStack.Region);
            var chooser = new Random(Seed + 1);
            var actionsQueue = lean.ActionsQueue["/queue/".Length..];
            var acksQueue = lean.AcksQueue["/queue/".Length..];
            long frames = 0;
            var bursts = 0;
            var reconnects = 0;
            stack.Listener.Resubscribed += _ => Interlocked.Increment(ref reconnects);
            (long Heap, long WorkingSet) baseline = default;
            var clock = Stopwatch.StartNew();

            for (var items = 0; items < Items;)
            {
                if (items >= WarmUp && baseline == default)
                {
                    // After a warm-up: JIT, pools, caches and the answered-message cache have started to fill.
                    await WaitForAnswersAsync(lean, expected.Keys, TimeSpan.FromSeconds(60));
                    baseline = Memory();
                }

                // 40 in 43 steps publish one body, 3 in 43 write a burst of 20 frames: about 4,000 bodies and 6,000 frames.
                if (chooser.Next(43) < 40)
                {
                    var correlation = $"fuzz-body-{items}";
                    var (kind, body) = corpus.NextBody(items);
                    expected[correlation] = kind;
                    await lean.SendAsync(body, correlation, items);
                    items++;
                }
                else
                {
                    broker.SendRaw(AppLogin, corpus.NextBurst(FramesPerBurst, stack.Listener.Destination, actionsQueue, acksQueue, ref frames));
                    bursts++;
                    items += FramesPerBurst;
                }
            }

            await WaitForAnswersAsync(lean, expected.Keys, TimeSpan.FromSeconds(120));
            var fuzzed = clock.Elapsed;
            // The positive signal that no second answer is on its way: the broker shows every message ACKed (so every
            // ACK + reply transaction committed), then a sentinel call is answered; its reply is queued behind any
            // reply sent before it.
            await Eventually.HoldsAsync(() => broker.InFlight(lean.ActionsQueue) == 0 && broker.QueueDepth(lean.ActionsQueue) == 0,
                TimeSpan.FromSeconds(30), () => $"{broker.InFlight(lean.ActionsQueue)} unacked, {broker.QueueDepth(lean.ActionsQueue)} waiting");
            await lean.SendAsync(corpus.ValidBody(Items + 1), "fuzz-sentinel", Items + 1);
            await WaitForAnswersAsync(lean, ["fuzz-sentinel"], TimeSpan.FromSeconds(30));

            foreach (var (correlation, kind) in expected)
            {
                var outcome = lean.OutcomeOf(correlation)!;
                outcome.Finals.Should().Be(1, $"{correlation} ({kind}) is answered exactly once");
                if (kind == BodyKind.Valid)
                {
                    outcome.MessageType.Should().Be(0, $"{correlation} is a valid archive call");
                    outcome.ContentStatus.Should().Be("ok", $"{correlation} archived its finding");
                }
                else if (outcome.MessageType != 0)
                {
                    // An error names the bad input; it must not echo a megabyte of it back (to SOAR, into the log).
                    outcome.MessageLength.Should().BeLessThan(4096, $"the error for {correlation} ({kind}) stays readable");
                }
            }

            lean.Unreadable.Should().Be(0, "every reply is a JSON object");
            var after = await stack.Platform.CallAsync(FunctionNames.ArchiveFinding, stack.FindingInputs(findingId));
            after.IsError.Should().BeFalse(after.Message);
            stack.Listener.Completion.IsCompleted.Should().BeFalse("the listener never stopped");
            await Eventually.HoldsAsync(() => broker.InFlight(lean.ActionsQueue) == 0 && broker.QueueDepth(lean.ActionsQueue) == 0,
                TimeSpan.FromSeconds(10), () => $"{broker.InFlight(lean.ActionsQueue)} unacked, {broker.QueueDepth(lean.ActionsQueue)} waiting");

            var end = Memory();
            var kinds = string.Join(", ", expected.GroupBy(e => e.Value).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            TestContext.Out.WriteLine($"seed {Seed}: {expected.Count} bodies ({kinds}) and {frames} raw frames in {bursts} bursts in " +
                                      $"{fuzzed.TotalSeconds:0.0} s; {reconnects} resubscriptions; GC heap {baseline.Heap / 1048576} -> {end.Heap / 1048576} MB, " +
                                      $"working set {baseline.WorkingSet / 1048576} -> {end.WorkingSet / 1048576} MB");
            unobserved.Should().BeEmpty("no task failed unseen");
            // Bounds: the answered-message cache (ids only, once answered), log lines kept by this suite and the
            // emulators' state may grow a little; hundreds of megabytes of request bodies may not.
            (end.Heap - baseline.Heap).Should().BeLessThan(48L * 1024 * 1024, "the managed heap stays flat");
            (end.WorkingSet - baseline.WorkingSet).Should().BeLessThan(160L * 1024 * 1024, "the working set stays flat");
        }
        catch
        {
            stack.WriteLogSummary();
            foreach (var pending in expected.Keys.Where(c => lean.OutcomeOf(c) is null).Take(5))
            {
                TestContext.Out.WriteLine($"unanswered {pending} ({expected[pending]}): " +
                                          string.Join(" // ", stack.Logs.Lines.Where(l => l.Contains(pending, StringComparison.Ordinal)).Take(5)));
            }

            throw;
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }
    }

    private static async Task WaitForAnswersAsync(LeanPlatform platform, IEnumerable<string> correlations, TimeSpan timeout)
    {
        var pending = correlations.ToList();
        await Eventually.HoldsAsync(() =>
        {
            pending.RemoveAll(c => platform.OutcomeOf(c) is { Finals: > 0 });
            return pending.Count == 0;
        }, timeout, () => $"{pending.Count} message(s) unanswered, e.g. {string.Join(", ", pending.Take(5))}");
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
