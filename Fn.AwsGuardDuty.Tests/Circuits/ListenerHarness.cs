using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>A FunctionListener with the test handlers, wired as a host would, plus the platform for its org.</summary>
public sealed class ListenerHarness : IAsyncDisposable
{
    private ListenerHarness(FunctionListener listener, StompClient client, SoarPlatform platform, CallLog log, FunctionListenerOptions options)
    {
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
        var listener = new FunctionListener(client, registry, options, NullLogger<FunctionListener>.Instance);
        var platform = await SoarPlatform.StartAsync(broker.ClientOptions(), options.OrgId, options.Destination);
        await listener.StartAsync(CancellationToken.None);
        if (waitForSubscription)
        {
            await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(15));
        }

        return new ListenerHarness(listener, client, platform, log, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
