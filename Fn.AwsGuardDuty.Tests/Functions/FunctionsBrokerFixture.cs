using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Circuits;
using Fn.AwsGuardDuty.Tests.Findings;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// The real path of a function call, once per fixture, over a <see cref="World"/>: the app in this process as <c>run</c>
/// wires it (<see cref="WorldHost"/>: the listener, its handlers, the SOAR client, from app.config) subscribed to the
/// shared ActiveMQ, the platform side publishing function messages as SOAR does, the sandbox GuardDuty emulator (SigV4
/// over HTTP) and the SOAR emulator (HTTPS, GuardDuty preload). Test-specific: the mapper's clock is fixed, and the AWS
/// client's retry delays and timeouts are shortened (app.config durations are whole seconds). Faults and latency are
/// cleared before each test. Every log line is kept and searched for the secrets at the end.
/// </summary>
[Category("Broker")]
public abstract class FunctionsBrokerFixture
{
    protected const string Account = "111111111111";
    protected const string Region = "us-east-1";
    protected const string SoarOrgName = "Sandbox Org";
    private const string AccessKey = "AKIAFUNCTIONS0000001";
    private const string SecretKey = "functions-secret/key+9Zq";

    private readonly CapturingLoggerProvider _logs = new();
    private ILoggerFactory _loggerFactory = null!;
    private World _world = null!;
    private WorldHost _host = null!;

    protected GuardDutyEmulator GuardDuty => _world.GuardDuty;

    protected SoarEmulator Soar => _world.Soar;

    protected GuardDutyClientFactory Clients { get; private set; } = null!;

    protected SoarClient SoarClient => _host.Soar;

    protected FunctionListener Listener => _host.Listener!;

    protected SoarPlatform Platform { get; private set; } = null!;

    /// <summary>The account's detector in <see cref="Region"/>.</summary>
    protected DetectorKey Detector => _world.Detectors[Region];

    /// <summary>A detector id of the right form that the account does not own.</summary>
    protected const string UnknownDetector = "0123456789abcdef0123456789abcdef";

    protected const string NotOwnedMessage = "The request is rejected because the input detectorId is not owned by the current account.";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        _loggerFactory = _logs.CreateFactory();
        _world = await World.Create().WithAws(Account, AccessKey, SecretKey).WithRegions(Region)
            .WithGuardDuty(new GuardDutyEmulatorOptions { MaxIpSetsPerDetector = 50, MaxThreatIntelSetsPerDetector = 50 })
            .WithOrg(ListenerHarness.NextOrgId(), SoarOrgName).WithApiKey(broker.Username, broker.Password)
            .WithBroker(new WorldStomp("127.0.0.1", broker.StompPort, Tls: false))
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .StartAsync();
        _world.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "num_workers = 4\nrequest_max_retries = 2\nrequest_retry_delay = 0s");
            c.GuardDuty["aws_gd_polling_enabled"] = "false";
        });

        var aws = GuardDutyClientOptionsMapping.From(_world.LoadConfig().GuardDuty);
        (aws.MaxAttempts, aws.PerTryTimeout, aws.TotalDeadline) = (3, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(2));
        (aws.RetryBaseDelay, aws.ThrottlingBaseDelay, aws.RetryMaxDelay) = (TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));
        Clients = await GuardDutyClientFactory.CreateAsync(aws, _loggerFactory);
        _host = await _world.StartHostAsync(_loggerFactory, services =>
        {
            services.AddSingleton<TimeProvider>(FixedTimeProvider.Default);
            services.AddSingleton(Clients);
        });
        Platform = await SoarPlatform.StartAsync(broker.ClientOptions(), _world.OrgId);
        await _host.SubscribedAsync(TimeSpan.FromSeconds(15));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Platform is not null)
            await Platform.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        Clients?.Dispose();
        if (_world is not null)
            await _world.DisposeAsync();
        _loggerFactory?.Dispose();
        var apiKeySecret = _world?.ApiKeySecret ?? SecretKey;
        _logs.Lines.Should().NotContain(line => line.Contains(SecretKey, StringComparison.Ordinal)
                                                || line.Contains(apiKeySecret, StringComparison.Ordinal),
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
    protected IReadOnlyList<JObject> SeedFindings(int count, int seed) => _world.Seed(Detector, count, seed);
}
