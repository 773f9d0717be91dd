using System.Security.Cryptography;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// The app's function side, wired as <c>run</c> wires it but in this process: a <see cref="FunctionListener"/> over a
/// <see cref="StompClient"/> to any broker, whose registry holds exactly what <see cref="FunctionsRegistration.AddGuardDutyFunctions"/>
/// registers (built by DI), the GuardDuty emulator behind a real <see cref="GuardDutyClientFactory"/> (SigV4 with a
/// session token) and the SOAR emulator behind a real <see cref="SoarClient"/>; plus the platform side
/// (<see cref="SoarPlatform"/>) publishing as SOAR does. Every secret goes into the <see cref="LogBook"/>, and every log
/// line of the app's parts into it too.
/// </summary>
public sealed class FunctionStack : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly string _dir;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _platformFactory;
    private readonly ILoggerFactory _emulatorFactory;

    private FunctionStack(string dir, ILoggerFactory loggerFactory, LogBookLoggerProvider logs, GuardDutyEmulator guardDuty, SoarEmulator soar,
        GuardDutyClientFactory clients, SoarClient soarClient, ServiceProvider services, FunctionListener listener, SoarPlatform platform,
        DetectorKey detector, FunctionListenerOptions options, LogBookLoggerProvider platformLogs, ILoggerFactory platformFactory, ILoggerFactory emulatorFactory)
    {
        _emulatorFactory = emulatorFactory;
        _platformFactory = platformFactory;
        PlatformLogs = platformLogs;
        _dir = dir;
        _loggerFactory = loggerFactory;
        Logs = logs;
        GuardDuty = guardDuty;
        Soar = soar;
        Clients = clients;
        SoarClient = soarClient;
        _services = services;
        Listener = listener;
        Platform = platform;
        Detector = detector;
        Options = options;
    }

    public LogBookLoggerProvider Logs { get; }

    /// <summary>The platform side's lines (its publish retries, for instance).</summary>
    public LogBookLoggerProvider PlatformLogs { get; }

    public GuardDutyEmulator GuardDuty { get; }

    public SoarEmulator Soar { get; }

    public GuardDutyClientFactory Clients { get; }

    public SoarClient SoarClient { get; }

    public FunctionListener Listener { get; }

    public SoarPlatform Platform { get; }

    public DetectorKey Detector { get; }

    public FunctionListenerOptions Options { get; }

    /// <param name="listenerClient">Options of the listener's STOMP client.</param>
    /// <param name="platformClient">Options of the platform's STOMP client (it may log in as another user).</param>
    public static async Task<FunctionStack> StartAsync(
        string name, StompClientOptions listenerClient, StompClientOptions platformClient, Action<FunctionListenerOptions>? configure = null)
    {
        var book = LogBook.Run;
        var dir = Directory.CreateTempSubdirectory("reliability-functions-").FullName;
        var logs = new LogBookLoggerProvider(book, name);
        var platformLogs = new LogBookLoggerProvider(book, name + " (SOAR platform side)");
        var platformFactory = platformLogs.CreateFactory(LogLevel.Debug);
        var loggerFactory = logs.CreateFactory(LogLevel.Debug);
        // The emulators' own lines (Kestrel's among them) are kept too, at Information and above.
        var emulatorFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddProvider(logs));
        var accessKey = "AKIARELIABLE" + RandomNumberGenerator.GetHexString(8);
        var secretKey = "aws-secret/" + RandomNumberGenerator.GetHexString(24);
        var sessionToken = "session-token+" + RandomNumberGenerator.GetHexString(32);
        var soarKeyId = "reliability-key";
        var soarKeySecret = "soar-api-key-secret-" + RandomNumberGenerator.GetHexString(16);
        book.AddSecret("AWS secret access key", secretKey);
        book.AddSecret("AWS session token", sessionToken);
        book.AddSecret("SOAR api_key_secret", soarKeySecret);
        book.AddSecret("STOMP passcode", listenerClient.Passcode);
        book.AddSecret("STOMP passcode", platformClient.Passcode);

        var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(accessKey, secretKey, Account, sessionToken)],
            LoggerFactory = emulatorFactory,
        });
        var caFile = Path.Combine(dir, "soar-ca.pem");
        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = caFile,
            Preload = SoarPreload.GuardDuty,
            ApiKeys = [new SoarApiKeyOptions { Id = soarKeyId, Secret = soarKeySecret }],
        }, emulatorFactory);
        var clients = await GuardDutyClientFactory.CreateAsync(new GuardDutyClientOptions
        {
            AccessKeyId = accessKey,
            SecretAccessKey = secretKey,
            SessionToken = sessionToken,
            EndpointUrl = guardDuty.Endpoint,
            Ec2EndpointUrl = guardDuty.Endpoint,
            MasterRegion = Region,
            MaxAttempts = 5,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            PerTryTimeout = TimeSpan.FromSeconds(5),
            TotalDeadline = TimeSpan.FromSeconds(20),
        }, loggerFactory);
        var soarClient = new SoarClient(new SoarClientOptions
        {
            Host = "127.0.0.1",
            Port = soar.Port,
            Org = soar.State.DefaultOrg.Options.Name,
            ApiKeyId = soarKeyId,
            ApiKeySecret = soarKeySecret,
            CaFile = caFile,
            RequestMaxRetries = 3,
            RequestRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(10),
        }, loggerFactory);

        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(clients);
        services.AddSingleton(soarClient);
        services.AddGuardDutyFunctions();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = new FunctionListenerOptions
        {
            OrgId = Random.Shared.Next(100_000, 2_000_000_000),
            NumWorkers = 8,
            ShutdownGrace = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        var listener = new FunctionListener(new StompClient(listenerClient, loggerFactory.CreateLogger<StompClient>()),
            new FunctionHandlerRegistry(provider.GetServices<IFunctionHandler>()), options, loggerFactory.CreateLogger<FunctionListener>());
        var platform = await SoarPlatform.StartAsync(platformClient, options.OrgId, options.Destination, platformFactory);
        await listener.StartAsync(CancellationToken.None);
        await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        var detector = guardDuty.State.CreateDetector(Account, Region);
        return new FunctionStack(dir, loggerFactory, logs, guardDuty, soar, clients, soarClient, provider, listener, platform, detector, options, platformLogs, platformFactory, emulatorFactory);
    }

    /// <summary>Generated findings stored in <see cref="Detector"/>; returns their ids.</summary>
    public IReadOnlyList<string> SeedFindings(int count, int seed)
    {
        var generated = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = Account,
            Region = Region,
            DetectorId = Detector.DetectorId,
            StartTime = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(count).ToList();
        GuardDuty.State.AddFindings(Detector, generated);
        return generated.Select(f => (string)f["id"]!).ToList();
    }

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
        await Listener.DisposeAsync();
        await Platform.DisposeAsync();
        await _services.DisposeAsync();
        Clients.Dispose();
        SoarClient.Dispose();
        await GuardDuty.StopAsync();
        await Soar.DisposeAsync();
        _loggerFactory.Dispose();
        _platformFactory.Dispose();
        _emulatorFactory.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
