using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Circuits;
using Fn.AwsGuardDuty.Tests.Findings;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// The real path of a function call, once per fixture: the shared ActiveMQ broker, the platform side publishing
/// function messages as SOAR does, a <see cref="FunctionListener"/> whose registry holds exactly the handlers
/// <see cref="FunctionsRegistration.AddGuardDutyFunctions"/> registers (built by DI), the sandbox GuardDuty emulator
/// behind a real <see cref="GuardDutyClientFactory"/> (SigV4 over HTTP, tiny retry delays, 3 attempts, short
/// timeouts), and the sandbox SOAR emulator (HTTPS, GuardDuty preload) behind a real <see cref="SoarClient"/>.
/// Faults and latency are cleared before each test. Every log line is kept and searched for the secrets at the end.
/// </summary>
[Category("Broker")]
public abstract class FunctionsBrokerFixture
{
    protected const string Account = "111111111111";
    protected const string Region = "us-east-1";
    protected const string SoarOrgName = "Sandbox Org";
    private const string AccessKey = "AKIAFUNCTIONS0000001";
    private const string SecretKey = "functions-secret/key+9Zq";
    private const string SoarKeyId = "functions-key-id";
    private const string SoarKeySecret = "functions-api-key-secret-41c";

    private readonly CapturingLoggerProvider _logs = new();
    private string _dir = null!;
    private ServiceProvider _services = null!;
    private ILoggerFactory _loggerFactory = null!;

    protected GuardDutyEmulator GuardDuty { get; private set; } = null!;

    protected SoarEmulator Soar { get; private set; } = null!;

    protected GuardDutyClientFactory Clients { get; private set; } = null!;

    protected SoarClient SoarClient { get; private set; } = null!;

    protected FunctionListener Listener { get; private set; } = null!;

    protected SoarPlatform Platform { get; private set; } = null!;

    /// <summary>The account's detector in <see cref="Region"/>.</summary>
    protected DetectorKey Detector { get; private set; }

    /// <summary>A detector id of the right form that the account does not own.</summary>
    protected const string UnknownDetector = "0123456789abcdef0123456789abcdef";

    protected const string NotOwnedMessage = "The request is rejected because the input detectorId is not owned by the current account.";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        _dir = Directory.CreateTempSubdirectory("functions-").FullName;
        _loggerFactory = _logs.CreateFactory();

        GuardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(AccessKey, SecretKey, Account)],
            MaxIpSetsPerDetector = 50,
            MaxThreatIntelSetsPerDetector = 50,
        });
        Soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = Path.Combine(_dir, "soar-ca.pem"),
            Preload = SoarPreload.GuardDuty,
            ApiKeys = [new SoarApiKeyOptions { Id = SoarKeyId, Secret = SoarKeySecret }],
        });

        Clients = await GuardDutyClientFactory.CreateAsync(new GuardDutyClientOptions
        {
            AccessKeyId = AccessKey,
            SecretAccessKey = SecretKey,
            EndpointUrl = GuardDuty.Endpoint,
            Ec2EndpointUrl = GuardDuty.Endpoint,
            MasterRegion = Region,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            PerTryTimeout = TimeSpan.FromMilliseconds(600),
            TotalDeadline = TimeSpan.FromSeconds(2),
        }, _loggerFactory);
        SoarClient = new SoarClient(new SoarClientOptions
        {
            Host = "127.0.0.1",
            Port = Soar.Port,
            Org = SoarOrgName,
            ApiKeyId = SoarKeyId,
            ApiKeySecret = SoarKeySecret,
            CaFile = Path.Combine(_dir, "soar-ca.pem"),
            RequestMaxRetries = 2,
            RequestRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(5),
        }, _loggerFactory);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSingleton<TimeProvider>(FixedTimeProvider.Default);
        services.AddSingleton(Clients);
        services.AddSingleton(SoarClient);
        services.AddGuardDutyFunctions();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = new FunctionListenerOptions
        {
            OrgId = ListenerHarness.NextOrgId(),
            NumWorkers = 4,
            ShutdownGrace = TimeSpan.FromSeconds(5),
            PackageVersion = "1.2.3",
        };
        Listener = new FunctionListener(new StompClient(broker.ClientOptions(), NullLogger<StompClient>.Instance),
            new FunctionHandlerRegistry(_services.GetServices<IFunctionHandler>()), options, _loggerFactory.CreateLogger<FunctionListener>());
        Platform = await SoarPlatform.StartAsync(broker.ClientOptions(), options.OrgId, options.Destination);
        await Listener.StartAsync(CancellationToken.None);
        await Listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(15));

        Detector = GuardDuty.State.CreateDetector(Account, Region);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Listener is not null)
            await Listener.DisposeAsync();
        if (Platform is not null)
            await Platform.DisposeAsync();
        if (_services is not null)
            await _services.DisposeAsync();
        Clients?.Dispose();
        SoarClient?.Dispose();
        if (GuardDuty is not null)
            await GuardDuty.StopAsync();
        if (Soar is not null)
            await Soar.DisposeAsync();
        _loggerFactory?.Dispose();
        if (_dir is not null)
            Directory.Delete(_dir, recursive: true);
        _logs.Lines.Should().NotContain(line => line.Contains(SecretKey, StringComparison.Ordinal)
                                                || line.Contains(SoarKeySecret, StringComparison.Ordinal),
            "no secret may reach a log line");
    }

    [SetUp]
    public void ClearFaults()
    {
        GuardDuty.State.Faults.Clear();
        GuardDuty.State.Faults.Latency = TimeSpan.Zero;
        Soar.Faults.Clear();
    }

    /// <summary>A failed test shows the log lines written while it ran (the listener's, the handlers', the clients').</summary>
    [TearDown]
    public void ShowLogsOfAFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var line in _logs.Lines.TakeLast(40))
                TestContext.Out.WriteLine(line);
        }
    }

    /// <summary>Publishes a function message as SOAR does and returns every reply, the final one last.</summary>
    protected async Task<IReadOnlyList<JObject>> CallAsync(string function, JObject inputs)
    {
        var correlation = await Platform.InvokeAsync(function, inputs);
        return await Platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(8));
    }

    /// <summary>The standard inputs of the finding functions.</summary>
    protected static JObject FindingInputs(string findingId, string? detectorId, string region = Region) => new()
    {
        [InputNames.FindingId] = findingId,
        [InputNames.DetectorId] = detectorId,
        [InputNames.Region] = region,
    };

    /// <summary>Findings from the sandbox generator, stored in <see cref="Detector"/>; their wire JSON.</summary>
    protected IReadOnlyList<JObject> SeedFindings(int count, int seed)
    {
        var generated = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = Account,
            Region = Region,
            DetectorId = Detector.DetectorId,
            StartTime = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(count).ToList();
        GuardDuty.State.AddFindings(Detector, generated);
        var ids = generated.Select(f => (string)f["id"]!).ToHashSet();
        return GuardDuty.State.Findings(Detector).Where(f => ids.Contains((string)f["id"]!)).ToList();
    }
}
