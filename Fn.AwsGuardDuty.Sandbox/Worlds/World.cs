using System.Globalization;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// Everything the app talks to, started by a <see cref="WorldBuilder"/> on 127.0.0.1, and the app over it: a real
/// app.config (<see cref="WriteConfig"/>) that the production loader reads, either in this process with the production
/// registration (<see cref="StartHostAsync"/>) or by the built executable as a child (<see cref="StartApp"/>).
/// Disposing stops the apps it started, then the stand-ins, and removes its folder.
/// </summary>
public sealed class World : IAsyncDisposable
{
    private readonly WorldParts _parts;
    private readonly List<IAsyncDisposable> _owned;
    private readonly List<AppProcess> _processes = [];

    internal World(WorldParts parts, List<IAsyncDisposable> owned)
    {
        _parts = parts;
        _owned = owned;
    }

    public static WorldBuilder Create() => new();

    public string Directory => _parts.Directory;

    /// <summary>The app's HOME and working folder.</summary>
    public string Home => _parts.Home;

    public string ConfigPath => Path.Combine(Home, "app.config");

    /// <summary>The CA of the SOAR emulator's (and sandbox broker's) certificate, in PEM.</summary>
    public string CaFile => _parts.CaFile;

    public LocalCertificateAuthority CertificateAuthority => _parts.Ca;

    public string StateDir => Path.Combine(Directory, "state");

    public string LogDir => Path.Combine(Directory, "logs");

    public GuardDutyEmulator GuardDuty => _parts.GuardDuty;

    public GuardDutyEmulatorState Gd => GuardDuty.State;

    public StsCallerIdentityEndpoint Sts => _parts.Sts ?? throw new InvalidOperationException("this world has no STS (WithSts)");

    public SoarEmulator Soar => _parts.Soar;

    public SoarOrgState Org => Soar.State.Org(OrgId);

    public int OrgId => _parts.OrgId;

    public string OrgName => _parts.OrgName;

    public string ApiKeyId => _parts.ApiKeyId;

    public string ApiKeySecret => _parts.ApiKeySecret;

    /// <summary>The sandbox broker (<see cref="WorldBuilder.WithSandboxBroker"/>).</summary>
    public SandboxStompBroker Broker => _parts.Broker ?? throw new InvalidOperationException("this world has no sandbox broker");

    /// <summary>Where the app's STOMP client connects; null when the world has no broker (a free port nobody listens on goes into app.config: "STOMP down").</summary>
    public WorldStomp? Stomp => _parts.Stomp;

    /// <summary>The AWS identities the emulator accepts; the first is the app's.</summary>
    public IReadOnlyList<AwsCredential> Aws => _parts.Aws;

    public string Account => Aws[0].AccountId;

    /// <summary>The first account's detector in each region given to <see cref="WorldBuilder.WithRegions"/>, by region.</summary>
    public IReadOnlyDictionary<string, DetectorKey> Detectors => _parts.Detectors;

    public IReadOnlyList<string> Regions => [.. Detectors.Keys];

    /// <summary>The push queue and its EventBridge feed (<see cref="WorldBuilder.WithPushQueue"/>).</summary>
    public WorldPushQueue Push => _parts.Push ?? throw new InvalidOperationException("this world has no push queue (WithPushQueue)");

    /// <summary>The app processes started so far, the current one last.</summary>
    public IReadOnlyList<AppProcess> Processes => _processes;

    /// <summary>app.config for this world: SOAR by API key, the emulators' endpoints, the first AWS identity, the folders.</summary>
    public WorldConfig Config()
    {
        var config = new WorldConfig();
        var r = config.Resilient;
        r["host"] = "127.0.0.1";
        r["port"] = Soar.Port.ToString(CultureInfo.InvariantCulture);
        r["org"] = OrgName;
        r["api_key_id"] = ApiKeyId;
        r["api_key_secret"] = ApiKeySecret;
        r["cafile"] = CaFile;
        r["stomp_host"] = Stomp?.Host ?? "127.0.0.1";
        r["stomp_port"] = (Stomp?.Port ?? LoopbackPorts.Free()).ToString(CultureInfo.InvariantCulture);
        r["stomp_tls"] = Stomp is { Tls: true } ? "true" : "false";
        if (Stomp?.CaFile is { } stompCa)
            r["stomp_cafile"] = stompCa;
        r["logdir"] = LogDir;

        var g = config.GuardDuty;
        var aws = Aws[0];
        g["aws_gd_access_key_id"] = aws.AccessKeyId;
        g["aws_gd_secret_access_key"] = aws.SecretAccessKey;
        if (aws.SessionToken is { } token)
            g["aws_gd_session_token"] = token;
        g["aws_gd_master_region"] = Regions.Count > 0 ? Regions[0] : "us-east-1";
        // Without a detector region: every region, as an operator would start.
        g["aws_gd_regions"] = Regions.Count > 0 ? string.Join(", ", Regions) : ".*";
        g["aws_gd_endpoint_url"] = GuardDuty.Endpoint.ToString();
        g["aws_gd_ec2_endpoint_url"] = GuardDuty.Endpoint.ToString();
        // The app learns its account from STS GetCallerIdentity; the GuardDuty emulator answers it too.
        g["aws_gd_sts_endpoint_url"] = (_parts.Sts?.Endpoint ?? GuardDuty.Endpoint).ToString();
        g["aws_gd_state_dir"] = StateDir;
        if (_parts.Push is { } push)
        {
            g["aws_gd_sqs_queue_url"] = push.Queue.Url;
            g["aws_gd_sqs_endpoint_url"] = push.Sqs.Endpoint.ToString();
        }

        return config;
    }

    /// <summary>Writes <see cref="Config"/>, changed by <paramref name="edit"/>, to <paramref name="path"/> (<see cref="ConfigPath"/> by default).</summary>
    public string WriteConfig(Action<WorldConfig>? edit = null, string? path = null)
    {
        var config = Config();
        edit?.Invoke(config);
        return config.WriteTo(path ?? ConfigPath);
    }

    /// <summary>app.config read by the production loader, with an empty environment (nothing from the shell).</summary>
    public AppConfig LoadConfig(string? path = null) =>
        AppConfigLoader.LoadFile(path ?? ConfigPath, AppEnvironment.FromDictionary(new Dictionary<string, string>(), Home, Home));

    /// <summary>The app in this process over app.config (write it first), as <c>run</c> builds it; started.</summary>
    public Task<WorldHost> StartHostAsync(ILoggerFactory loggerFactory, Action<IServiceCollection>? configure = null, string? configPath = null,
        CancellationToken cancellationToken = default) =>
        WorldHost.StartAsync(LoadConfig(configPath), loggerFactory, configure, cancellationToken);

    /// <summary>The built app as a child process, <c>run -c</c> app.config (write it first); stopped when the world is disposed.</summary>
    public AppProcess StartApp(AppProcessStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var app = AppProcess.Start(start with { ConfigPath = start.ConfigPath ?? ConfigPath, Home = start.Home ?? Home });
        _processes.Add(app);
        return app;
    }

    /// <summary>Generated findings added to <paramref name="detector"/>, as stored; <paramref name="change"/> may edit each first.</summary>
    public List<JObject> Seed(DetectorKey detector, int count, int seed, DateTimeOffset? start = null, Action<int, JObject>? change = null)
    {
        var generator = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = detector.Region,
            DetectorId = detector.DetectorId,
            StartTime = start ?? new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var stored = new List<JObject>(count);
        var index = 0;
        // In chunks, so a big seed never holds the generator's output all at once.
        foreach (var chunk in generator.Generate(count).Chunk(500))
        {
            if (change is not null)
                foreach (var finding in chunk)
                    change(index++, finding);
            Gd.AddFindings(detector, chunk);
            stored.AddRange(chunk.Select(f => Gd.GetFinding(detector, f.Value<string>("id")!)!));
        }

        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync().ConfigureAwait(false);
        for (var i = _owned.Count - 1; i >= 0; i--)
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        _parts.Ca.Dispose();
        WorldBuilder.TryDelete(Directory);
    }
}

/// <summary>What a <see cref="WorldBuilder"/> started.</summary>
internal sealed record WorldParts(string Directory, string Home, string CaFile, LocalCertificateAuthority Ca, GuardDutyEmulator GuardDuty,
    StsCallerIdentityEndpoint? Sts, SoarEmulator Soar, SandboxStompBroker? Broker, WorldStomp? Stomp, IReadOnlyDictionary<string, DetectorKey> Detectors,
    IReadOnlyList<AwsCredential> Aws, int OrgId, string OrgName, string ApiKeyId, string ApiKeySecret, WorldPushQueue? Push = null);
