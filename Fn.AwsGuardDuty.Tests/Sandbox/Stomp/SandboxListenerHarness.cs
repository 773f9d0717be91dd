using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>The app's real FunctionListener (with <see cref="GateHandler"/>) and a SoarPlatform on one broker (the sandbox's or ActiveMQ).</summary>
internal sealed class SandboxListenerHarness : IAsyncDisposable
{
    private SandboxListenerHarness(FunctionListener listener, SoarPlatform platform, GateHandler handler, FunctionListenerOptions options)
    {
        Listener = listener;
        Platform = platform;
        Handler = handler;
        Options = options;
    }

    public FunctionListener Listener { get; }

    public SoarPlatform Platform { get; }

    public GateHandler Handler { get; }

    public FunctionListenerOptions Options { get; }

    public string ActionsQueue => Options.SubscribeDestination;

    public static Task<SandboxListenerHarness> StartAsync(
        SandboxStompBroker broker,
        string login = SandboxBrokerTestBase.AppLogin,
        string passcode = SandboxBrokerTestBase.AppPasscode,
        Action<StompClientOptions>? configureClient = null,
        Action<FunctionListenerOptions>? configureListener = null,
        string? caFile = null,
        bool waitForSubscription = true,
        IFunctionHandler[]? extraHandlers = null)
    {
        var clientOptions = broker.ClientOptions(login, passcode, caFile);
        configureClient?.Invoke(clientOptions);
        return StartAsync(clientOptions, broker.ClientOptions(SandboxBrokerTestBase.PlatformLogin, SandboxBrokerTestBase.PlatformPasscode, caFile),
            configureListener, waitForSubscription, extraHandlers);
    }

    /// <summary>Any broker: the listener and the platform each get their own client options.</summary>
    public static async Task<SandboxListenerHarness> StartAsync(
        StompClientOptions listenerClient,
        StompClientOptions platformClient,
        Action<FunctionListenerOptions>? configureListener = null,
        bool waitForSubscription = true,
        IFunctionHandler[]? extraHandlers = null)
    {
        var options = new FunctionListenerOptions { OrgId = Random.Shared.Next(1000, 1_000_000_000), NumWorkers = 4, ShutdownGrace = TimeSpan.FromSeconds(2) };
        configureListener?.Invoke(options);
        var handler = new GateHandler();
        var client = new StompClient(listenerClient, NullLogger<StompClient>.Instance);
        var listener = new FunctionListener(client, new FunctionHandlerRegistry([handler, .. extraHandlers ?? []]), options, NullLogger<FunctionListener>.Instance);
        var platform = await SoarPlatform.StartAsync(platformClient, options.OrgId, options.Destination);
        platform.CallTimeout = TimeSpan.FromSeconds(10);
        await listener.StartAsync(CancellationToken.None);
        if (waitForSubscription)
        {
            await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(10));
        }

        return new SandboxListenerHarness(listener, platform, handler, options);
    }

    public async ValueTask DisposeAsync()
    {
        Handler.Gate.TrySetResult();
        await Listener.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
