using System.Security.Cryptography;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// The app's function side in this process over a <see cref="World"/>, wired as <c>run</c> wires it (<see cref="WorldHost"/>:
/// handlers, SOAR and AWS clients from app.config, with temporary AWS credentials), plus the platform side
/// (<see cref="SoarPlatform"/>) publishing as SOAR does. Test-specific: the listener's STOMP client and options are the
/// test's (reconnect delays, prefetch, cache size), over any broker. Every secret and every log line goes into the <see cref="LogBook"/>.
/// </summary>
public sealed class FunctionStack : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly World _world;
    private readonly WorldHost _host;
    private readonly ILoggerFactory[] _factories;

    private FunctionStack(World world, WorldHost host, SoarPlatform platform, FunctionListenerOptions options, LogBookLoggerProvider logs,
        LogBookLoggerProvider platformLogs, params ILoggerFactory[] factories)
    {
        _world = world;
        _host = host;
        Platform = platform;
        Options = options;
        Logs = logs;
        PlatformLogs = platformLogs;
        _factories = factories;
    }

    public LogBookLoggerProvider Logs { get; }

    /// <summary>The platform side's lines (its publish retries, for instance).</summary>
    public LogBookLoggerProvider PlatformLogs { get; }

    public GuardDutyEmulator GuardDuty => _world.GuardDuty;

    public SoarEmulator Soar => _world.Soar;

    public SoarClient SoarClient => _host.Soar;

    public FunctionListener Listener => _host.Listener!;

    public SoarPlatform Platform { get; }

    public DetectorKey Detector => _world.Detectors[Region];

    public FunctionListenerOptions Options { get; }

    /// <param name="listenerClient">Options of the listener's STOMP client (its login is the app's SOAR API key).</param>
    /// <param name="platformClient">Options of the platform's STOMP client (it may log in as another user).</param>
    public static async Task<FunctionStack> StartAsync(
        string name, StompClientOptions listenerClient, StompClientOptions platformClient, Action<FunctionListenerOptions>? configure = null)
    {
        var book = LogBook.Run;
        var logs = new LogBookLoggerProvider(book, name);
        var platformLogs = new LogBookLoggerProvider(book, name + " (SOAR platform side)");
        var platformFactory = platformLogs.CreateFactory(LogLevel.Debug);
        var loggerFactory = logs.CreateFactory(LogLevel.Debug);
        // The emulators' own lines (Kestrel's among them) are kept too, at Information and above.
        var emulatorFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddProvider(logs));
        var secretKey = "aws-secret/" + RandomNumberGenerator.GetHexString(24);
        var sessionToken = "session-token+" + RandomNumberGenerator.GetHexString(32);
        book.AddSecret("AWS secret access key", secretKey);
        book.AddSecret("AWS session token", sessionToken);
        book.AddSecret("STOMP passcode (the SOAR API key secret)", listenerClient.Passcode);
        book.AddSecret("STOMP passcode", platformClient.Passcode);

        var world = await World.Create().WithLogging(emulatorFactory).WithRegions(Region)
            .WithAws(Account, "AKIARELIABLE" + RandomNumberGenerator.GetHexString(8), secretKey, sessionToken)
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Sandbox Org").WithApiKey(listenerClient.Login, listenerClient.Passcode)
            .WithBroker(new WorldStomp(listenerClient.Host, listenerClient.Port, listenerClient.UseTls))
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .StartAsync();
        world.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "num_workers = 8\nrequest_max_retries = 3\nrequest_retry_delay = 0s");
            WorldConfig.AddLines(c.GuardDuty, "aws_gd_polling_enabled = false\naws_gd_max_retries = 4\naws_gd_request_timeout = 5s");
        });
        var options = FunctionListenerOptionsMapping.From(world.LoadConfig().Resilient, world.OrgId);
        options.ShutdownGrace = TimeSpan.FromSeconds(10);
        configure?.Invoke(options);
        var host = await world.StartHostAsync(loggerFactory, services =>
        {
            services.AddSingleton(sp => new StompClient(listenerClient, sp.GetRequiredService<ILogger<StompClient>>()));
            services.AddSingleton(sp => new FunctionListener(sp.GetRequiredService<StompClient>(), sp.GetRequiredService<FunctionHandlerRegistry>(),
                options, sp.GetRequiredService<ILogger<FunctionListener>>(), sp.GetService<TimeProvider>()));
        });
        var platform = await SoarPlatform.StartAsync(platformClient, options.OrgId, options.Destination, platformFactory);
        await host.SubscribedAsync(TimeSpan.FromSeconds(30));
        return new FunctionStack(world, host, platform, options, logs, platformLogs, loggerFactory, platformFactory, emulatorFactory);
    }

    /// <summary>Generated findings stored in <see cref="Detector"/>; returns their ids.</summary>
    public IReadOnlyList<string> SeedFindings(int count, int seed) =>
        _world.Seed(Detector, count, seed).Select(f => (string)f["id"]!).ToList();

    /// <summary>The inputs of the finding functions (archive, unarchive, refresh, ...).</summary>
    public JObject FindingInputs(string findingId) => new()
    {
        [InputNames.FindingId] = findingId,
        [InputNames.DetectorId] = Detector.DetectorId,
        [InputNames.Region] = Region,
    };

    /// <summary>Writes the errors and the last lines of the app side's log to the test output (for a failure).</summary>
    public void WriteLogSummary(int tail = 40)
    {
        var lines = Logs.Lines.ToList();
        foreach (var line in lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
                     .GroupBy(l => l.Length > 160 ? l[..160] : l).Select(g => $"{g.Count()} x {g.First()}").Take(30))
        {
            TestContext.Out.WriteLine(line.Length > 2000 ? line[..2000] : line);
        }

        TestContext.Out.WriteLine("--- last lines ---");
        foreach (var line in lines.TakeLast(tail))
        {
            TestContext.Out.WriteLine(line.Length > 600 ? line[..600] : line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        await _host.DisposeAsync();
        await _world.DisposeAsync();
        foreach (var factory in _factories)
            factory.Dispose();
    }
}
