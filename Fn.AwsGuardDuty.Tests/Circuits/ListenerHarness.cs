using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>A FunctionListener with the test handlers, wired as a host would, plus the platform for its org.</summary>
public sealed class ListenerHarness : IAsyncDisposable
{
    private ListenerHarness(
        FunctionListener listener, StompClient client, SoarPlatform platform, CallLog log, FunctionListenerOptions options,
        RecordingLogger<FunctionListener> logs)
    {
        Logs = logs;
        Listener = listener;
        Client = client;
        Platform = platform;
        Log = log;
        Options = options;
    }

    public FunctionListener Listener { get; }

    public StompClient Client { get; }

    public SoarPlatform Platform { get; }

    public CallLog Log { get; }

    public FunctionListenerOptions Options { get; }

    /// <summary>The listener's log lines: the positive signal that a path (a redelivery, a lost answer) ran.</summary>
    public RecordingLogger<FunctionListener> Logs { get; }

    /// <summary>A fresh org id per harness, so tests sharing one broker never share a queue.</summary>
    public static int NextOrgId() => Random.Shared.Next(100_000, 2_000_000_000);

    public static async Task<ListenerHarness> StartAsync(
        ActiveMqBroker broker,
        Action<FunctionListenerOptions>? configure = null,
        StompClientOptions? clientOptions = null,
        bool waitForSubscription = true)
    {
        var log = new CallLog();
        var options = new FunctionListenerOptions { OrgId = NextOrgId(), NumWorkers = 4, ShutdownGrace = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        var client = new StompClient(clientOptions ?? broker.ClientOptions(), NullLogger<StompClient>.Instance);
        var registry = new FunctionHandlerRegistry(
        [
            new EchoHandler(log), new RaisingHandler(), new FunctionErrorHandler(), new RequiredInputsHandler(log), new SlowHandler(log),
        ]);
        var logs = new RecordingLogger<FunctionListener>();
        var listener = new FunctionListener(client, registry, options, logs);
        var platform = await SoarPlatform.StartAsync(broker.ClientOptions(), options.OrgId, options.Destination);
        await listener.StartAsync(CancellationToken.None);
        if (waitForSubscription)
        {
            await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(15));
        }

        return new ListenerHarness(listener, client, platform, log, options, logs);
    }

    /// <summary>
    /// The positive signal that nothing more is on its way: every message the listener took has finished its answer
    /// path (no call active), then a sentinel call is answered. Its reply is queued on the acks queue behind any
    /// reply sent before it, so once it arrives a duplicate would have arrived too. When other platforms share the
    /// acks queue, pass them: the sentinel's reply may reach any of them.
    /// </summary>
    public async Task SettleAsync(params SoarPlatform[] alsoConsuming)
    {
        await WaitUntilIdleAsync();
        // Its own correlation id: platforms sharing an acks queue number their calls alike.
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        await Platform.SendAsync(SoarPlatform.FunctionMessageBody("fn_test_required", 1,
            new Newtonsoft.Json.Linq.JObject { ["incident_id"] = 1, ["finding_id"] = "sentinel" }).ToString(Newtonsoft.Json.Formatting.None), sentinel);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!alsoConsuming.Prepend(Platform).Any(p => p.RepliesFor(sentinel).Any(r => r.Value<bool>("complete"))))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the sentinel call {sentinel} was not answered within 15 s");
            await Task.Delay(10);
        }

        await WaitUntilIdleAsync();
    }

    private async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Listener.ActiveCalls > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Listener.ActiveCalls} call(s) still active after 15 s");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
