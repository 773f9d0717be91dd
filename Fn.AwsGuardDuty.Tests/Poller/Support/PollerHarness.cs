using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>
/// A GuardDuty/EC2 emulator and a SOAR emulator (HTTPS, GuardDuty customization preloaded) on loopback ports, real
/// clients for both (two AWS accounts, merged into one region list), a temporary state dir, and helpers to seed
/// findings and read incidents. Each test gets its own, so state never leaks between tests; dispose it to stop everything.
/// </summary>
internal sealed class PollerHarness : IAsyncDisposable
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";
    public const string KeyA = "AKIAPOLLERTESTA00001";
    public const string KeyB = "AKIAPOLLERTESTB00002";
    public const string ApiKeyId = "poller-test-key";
    private const string SecretA = "poller-secret-a/abcdefghijklmnop";
    private const string SecretB = "poller-secret-b/abcdefghijklmnop";
    private const string ApiKeySecret = "poller-test-api-key-secret";

    private readonly string _dir;
    private readonly List<IDisposable> _owned = [];

    private PollerHarness(string dir, GuardDutyEmulator guardDuty, SoarEmulator soar, SoarClient soarClient, CapturingLoggerProvider logs,
        ILoggerFactory loggerFactory)
    {
        _dir = dir;
        GuardDuty = guardDuty;
        Soar = soar;
        SoarClient = soarClient;
        Logs = logs;
        LoggerFactory = loggerFactory;
        StateDir = Path.Combine(dir, "state");
    }

    public GuardDutyEmulator GuardDuty { get; }

    public GuardDutyEmulatorState Gd => GuardDuty.State;

    public SoarEmulator Soar { get; }

    public SoarOrgState Org => Soar.State.DefaultOrg;

    public SoarClient SoarClient { get; }

    public CapturingLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public string StateDir { get; }

    public string TempDir => _dir;

    public IRegionSource Regions { get; private set; } = null!;

    /// <summary>Account A, learned from the emulator's STS as the production poller learns it.</summary>
    public ICallerAccount CallerAccount { get; private set; } = null!;

    public FindingMapper Mapper { get; } = new(TimeProvider.System);

    /// <param name="logLevel">Lowest level captured; Trace would keep every request body and slow big runs down.</param>
    public static async Task<PollerHarness> StartAsync(string regions = "us-east-1,eu-west-1,ap-southeast-2", IList<string>? requiredOnClose = null,
        LogLevel logLevel = LogLevel.Debug, TimeSpan? regionsInterval = null)
    {
        var dir = Directory.CreateTempSubdirectory("poller-test-").FullName;
        var logs = new CapturingLoggerProvider();
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(logLevel).AddProvider(logs));
        var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(KeyA, SecretA, AccountA), new AwsCredential(KeyB, SecretB, AccountB)],
        });
        var caFile = Path.Combine(dir, "soar-ca.pem");
        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = caFile,
            Preload = SoarPreload.GuardDuty,
            ApiKeys = [new SoarApiKeyOptions { Id = ApiKeyId, Secret = ApiKeySecret }],
            RequiredOnClose = requiredOnClose ?? ["resolution_id", "resolution_summary"],
        });
        var soarClient = new SoarClient(new SoarClientOptions
        {
            Host = "127.0.0.1",
            Port = soar.Port,
            Org = soar.State.DefaultOrg.Options.Name,
            ApiKeyId = ApiKeyId,
            ApiKeySecret = ApiKeySecret,
            CaFile = caFile,
            RequestMaxRetries = 6,
            RequestRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(20),
        }, loggerFactory);
        var harness = new PollerHarness(dir, guardDuty, soar, soarClient, logs, loggerFactory);
        var interval = regionsInterval ?? TimeSpan.FromMilliseconds(1);
        var a = await harness.FactoryAsync(KeyA, SecretA, regions, interval);
        var b = await harness.FactoryAsync(KeyB, SecretB, regions, interval);
        var discoveries = new[] { a.CreateRegionDiscovery(), b.CreateRegionDiscovery() };
        harness._owned.AddRange(discoveries);
        harness.Regions = new MergedRegionSource(discoveries);
        harness.CallerAccount = new StsCallerAccount(a);
        return harness;
    }

    private async Task<GuardDutyClientFactory> FactoryAsync(string key, string secret, string regions, TimeSpan regionsInterval)
    {
        var factory = await GuardDutyClientFactory.CreateAsync(new GuardDutyClientOptions
        {
            AccessKeyId = key,
            SecretAccessKey = secret,
            EndpointUrl = GuardDuty.Endpoint,
            Ec2EndpointUrl = GuardDuty.Endpoint,
            StsEndpointUrl = GuardDuty.Endpoint,
            MasterRegion = "us-east-1",
            Regions = Fn.AwsGuardDuty.Configuration.RegionFilter.Parse(regions),
            RegionsInterval = regionsInterval,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(2),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            MaxAttempts = 8,
            PerTryTimeout = TimeSpan.FromSeconds(10),
        }, LoggerFactory);
        _owned.Add(factory);
        return factory;
    }

    /// <summary>Poller options for tests: this harness's state dir, tiny intervals.</summary>
    public PollerOptions Options(Func<PollerOptions, PollerOptions>? tweak = null)
    {
        var options = new PollerOptions
        {
            StateDir = StateDir,
            PollingInterval = TimeSpan.FromMilliseconds(200),
            CheckpointSaveInterval = TimeSpan.Zero,
            CreateRetryDelay = TimeSpan.FromMilliseconds(5),
        };
        return tweak is null ? options : tweak(options);
    }

    public FindingsPoller NewPoller(Func<PollerOptions, PollerOptions>? tweak = null, IRegionSource? regions = null) =>
        new(regions ?? Regions, CallerAccount, SoarClient, Mapper, Options(tweak), TimeProvider.System, LoggerFactory.CreateLogger<FindingsPoller>());

    public DetectorKey Detector(string region, string account = AccountA) => Gd.EnsureDetector(account, region);

    /// <summary>Generated findings (wire JSON) added to the detector; <paramref name="change"/> may edit each before it is stored.</summary>
    public List<JObject> Seed(DetectorKey detector, int count, int seed, Action<int, JObject>? change = null, DateTimeOffset? start = null)
    {
        var generator = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = detector.Region,
            DetectorId = detector.DetectorId,
            StartTime = start ?? new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var findings = generator.Generate(count).ToList();
        if (change is not null)
            for (var i = 0; i < findings.Count; i++) change(i, findings[i]);
        Gd.AddFindings(detector, findings);
        return findings.Select(f => Gd.GetFinding(detector, f.Value<string>("id")!)!).ToList();
    }

    /// <summary>Every GuardDuty incident in SOAR, by finding id.</summary>
    public ILookup<string, SoarIncidentView> IncidentsByFinding() =>
        Org.GetIncidents()
            .Where(i => i.Properties.GetValueOrDefault(IncidentFields.FindingId) is not null)
            .ToLookup(i => Convert.ToString(i.Properties[IncidentFields.FindingId], System.Globalization.CultureInfo.InvariantCulture)!);

    public SoarIncidentView IncidentOf(string findingId) => Org.FindByProperty(IncidentFields.FindingId, findingId).Single();

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) owned.Dispose();
        SoarClient.Dispose();
        await Soar.DisposeAsync();
        await GuardDuty.StopAsync();
        LoggerFactory.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying test; the temp dir is cleaned by the OS eventually.
        }

        Logs.Lines.Should().NotContain(l => l.Contains(ApiKeySecret, StringComparison.Ordinal) || l.Contains(SecretA, StringComparison.Ordinal),
            "no secret may reach a log line");
    }
}
