using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>
/// A <see cref="World"/> (two AWS accounts, no detector until a test makes one, SOAR with the GuardDuty customization),
/// real clients for both made by the production mappings from its app.config with test timings (the two accounts merged
/// into one region list), a temporary state dir, and helpers to seed findings and read incidents. Each test gets its
/// own, so state never leaks between tests; dispose it to stop everything.
/// </summary>
internal sealed class PollerHarness : IAsyncDisposable
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";
    public const string KeyA = "AKIAPOLLERTESTA00001";
    public const string KeyB = "AKIAPOLLERTESTB00002";
    private const string SecretA = "poller-secret-a/abcdefghijklmnop";
    private const string SecretB = "poller-secret-b/abcdefghijklmnop";

    private readonly World _world;
    private readonly List<IDisposable> _owned = [];

    private PollerHarness(World world, SoarClient soarClient, CapturingLoggerProvider logs, ILoggerFactory loggerFactory)
    {
        _world = world;
        SoarClient = soarClient;
        Logs = logs;
        LoggerFactory = loggerFactory;
    }

    public GuardDutyEmulator GuardDuty => _world.GuardDuty;

    public GuardDutyEmulatorState Gd => _world.Gd;

    public SoarEmulator Soar => _world.Soar;

    public SoarOrgState Org => _world.Org;

    public SoarClient SoarClient { get; }

    public CapturingLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The poller's own state dir, not made yet (loading app.config makes the world's).</summary>
    public string StateDir => Path.Combine(_world.Directory, "poller-state");

    public string TempDir => _world.Directory;

    public IRegionSource Regions { get; private set; } = null!;

    /// <summary>Account A, learned from the emulator's STS as the production poller learns it.</summary>
    public ICallerAccount CallerAccount { get; private set; } = null!;

    public FindingMapper Mapper { get; } = new(TimeProvider.System);

    /// <param name="logLevel">Lowest level captured; Trace would keep every request body and slow big runs down.</param>
    public static async Task<PollerHarness> StartAsync(string regions = "us-east-1,eu-west-1,ap-southeast-2", IList<string>? requiredOnClose = null,
        LogLevel logLevel = LogLevel.Debug, TimeSpan? regionsInterval = null)
    {
        var logs = new CapturingLoggerProvider();
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(logLevel).AddProvider(logs));
        var world = await World.Create().WithRegions().WithAws(AccountA, KeyA, SecretA).WithAws(AccountB, KeyB, SecretB)
            .WithSoar(o =>
            {
                o.Preload = SoarPreload.GuardDuty;
                o.RequiredOnClose = requiredOnClose ?? ["resolution_id", "resolution_summary"];
            })
            .StartAsync();
        world.WriteConfig();
        var config = world.LoadConfig();
        var soar = SoarClientOptionsMapping.From(config.Resilient, config.Integrations);
        (soar.RequestMaxRetries, soar.RequestRetryDelay, soar.MaxRetryDelay, soar.RequestTimeout) =
            (6, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(20));
        var harness = new PollerHarness(world, new SoarClient(soar, loggerFactory), logs, loggerFactory);
        var discoveries = new List<Fn.AwsGuardDuty.GuardDuty.Discovery.RegionDiscovery>();
        var factories = new List<GuardDutyClientFactory>();
        foreach (var (key, secret) in new[] { (KeyA, SecretA), (KeyB, SecretB) })
        {
            var aws = GuardDutyClientOptionsMapping.From(config.GuardDuty);
            (aws.AccessKeyId, aws.SecretAccessKey, aws.Regions, aws.RegionsInterval) =
                (key, secret, Fn.AwsGuardDuty.Configuration.RegionFilter.Parse(regions), regionsInterval ?? TimeSpan.FromMilliseconds(1));
            (aws.MaxAttempts, aws.PerTryTimeout) = (8, TimeSpan.FromSeconds(10));
            (aws.RetryBaseDelay, aws.ThrottlingBaseDelay, aws.RetryMaxDelay) = (TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(20));
            var factory = await GuardDutyClientFactory.CreateAsync(aws, loggerFactory);
            harness._owned.Add(factory);
            factories.Add(factory);
            discoveries.Add(factory.CreateRegionDiscovery());
        }

        harness._owned.AddRange(discoveries);
        harness.Regions = new MergedRegionSource(discoveries);
        harness.CallerAccount = new StsCallerAccount(factories[0]);
        return harness;
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
    public List<JObject> Seed(DetectorKey detector, int count, int seed, Action<int, JObject>? change = null, DateTimeOffset? start = null) =>
        _world.Seed(detector, count, seed, start, change);

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
        await _world.DisposeAsync();
        LoggerFactory.Dispose();
        Logs.Lines.Should().NotContain(l => l.Contains(_world.ApiKeySecret, StringComparison.Ordinal) || l.Contains(SecretA, StringComparison.Ordinal),
            "no secret may reach a log line");
    }
}
