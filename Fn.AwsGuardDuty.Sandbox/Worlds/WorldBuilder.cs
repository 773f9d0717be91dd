using System.Security.Cryptography;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// Says what a <see cref="World"/> starts: the GuardDuty/EC2 emulator (credentials, a detector per region), STS, the
/// SOAR emulator (its org, the app's API key, preload and anything else through <see cref="WithSoar"/>), and the STOMP
/// broker (the sandbox's, or one started elsewhere such as ActiveMQ). Nothing starts before <see cref="StartAsync"/>.
/// </summary>
public sealed class WorldBuilder
{
    private readonly List<AwsCredential> _aws = [];
    private readonly List<SandboxStompUser> _brokerUsers = [];
    private readonly List<Action<SoarEmulatorOptions>> _soar = [];
    private GuardDutyEmulatorOptions? _guardDuty;
    private IReadOnlyList<string> _regions = ["us-east-1"];
    private string? _directory;
    private string? _caFile;
    private bool _sts;
    private int _orgId = 201;
    private string _orgName = "Sandbox Org";
    private bool? _actionsFramework;
    private string _apiKeyId = "world-api-key";
    private string _apiKeySecret = "world-key-secret-" + RandomNumberGenerator.GetHexString(16);
    private WorldStomp? _stomp;
    private bool _sandboxBroker;
    private int? _pushMaxReceiveCount;
    private bool _pushFeed;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    /// <summary>The world's folder (app.config, CA, state, logs, HOME) under <paramref name="parent"/>; the system temp folder by default.</summary>
    public WorldBuilder InDirectory(string parent)
    {
        _directory = parent;
        return this;
    }

    /// <summary>An AWS identity the emulator accepts; the first one goes into app.config.</summary>
    public WorldBuilder WithAws(string account, string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        _aws.Add(new AwsCredential(accessKeyId, secretAccessKey, account, sessionToken));
        return this;
    }

    /// <summary>The regions with a detector of the first account (none: no detector); the first is the master region.</summary>
    public WorldBuilder WithRegions(params string[] regions)
    {
        _regions = regions;
        return this;
    }

    /// <summary>The GuardDuty emulator's own options (its quotas, for instance); the world adds its credentials to them.</summary>
    public WorldBuilder WithGuardDuty(GuardDutyEmulatorOptions options)
    {
        _guardDuty = options;
        return this;
    }

    /// <summary>Starts the STS stand-in (GetCallerIdentity) and points aws_gd_sts_endpoint_url at it (else at the GuardDuty emulator, which answers it too).</summary>
    public WorldBuilder WithSts()
    {
        _sts = true;
        return this;
    }

    /// <param name="actionsFramework">Null: on when the world has a broker.</param>
    public WorldBuilder WithOrg(int id, string name, bool? actionsFramework = null)
    {
        _orgId = id;
        _orgName = name;
        _actionsFramework = actionsFramework;
        return this;
    }

    /// <summary>The app's SOAR API key (also its STOMP login).</summary>
    public WorldBuilder WithApiKey(string id, string secret)
    {
        _apiKeyId = id;
        _apiKeySecret = secret;
        return this;
    }

    /// <summary>Anything else of the SOAR emulator: preload, users, more API keys, fields required on close.</summary>
    public WorldBuilder WithSoar(Action<SoarEmulatorOptions> configure)
    {
        _soar.Add(configure);
        return this;
    }

    /// <summary>A broker started elsewhere (ActiveMQ); its user must be the app's API key (<see cref="WithApiKey"/>).</summary>
    public WorldBuilder WithBroker(WorldStomp stomp)
    {
        _stomp = stomp;
        _sandboxBroker = false;
        return this;
    }

    /// <summary>
    /// The sandbox broker over TLS (the world's CA), the app's API key a user reading its actions queue and writing acks,
    /// as on SOAR, plus <paramref name="users"/> (the platform's side, for instance).
    /// </summary>
    public WorldBuilder WithSandboxBroker(params SandboxStompUser[] users)
    {
        _sandboxBroker = true;
        _brokerUsers.AddRange(users);
        return this;
    }

    /// <summary>Where the world's CA certificate (cafile, stomp_cafile) is written; inside the world's folder by default.</summary>
    public WorldBuilder WithCaFile(string path)
    {
        _caFile = path;
        return this;
    }

    /// <summary>
    /// The SQS emulator with the push queue of deploy/aws/ (FIFO, a FIFO dead-letter queue after
    /// <paramref name="maxReceiveCount"/> receives) fed by the GuardDuty emulator as the EventBridge rule feeds it;
    /// app.config then names the queue, so the app runs in push mode (<see cref="World.Push"/>).
    /// </summary>
    /// <param name="eventBridgeFeed">False: nothing feeds the queue but what the caller sends (tests that deliver events by hand).</param>
    public WorldBuilder WithPushQueue(int maxReceiveCount = 5, bool eventBridgeFeed = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        _pushMaxReceiveCount = maxReceiveCount;
        _pushFeed = eventBridgeFeed;
        return this;
    }

    /// <summary>For the emulators' and brokers' own lines.</summary>
    public WorldBuilder WithLogging(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    public async Task<World> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_aws.Count == 0)
            WithAws("123456789012", "AKIAWORLD" + RandomNumberGenerator.GetHexString(11).ToUpperInvariant(), "world/aws+" + RandomNumberGenerator.GetHexString(24));
        var directory = (_directory is null ? Directory.CreateTempSubdirectory("world-") : Directory.CreateDirectory(Path.Combine(_directory, "world-" + RandomNumberGenerator.GetHexString(8)))).FullName;
        var home = Directory.CreateDirectory(Path.Combine(directory, "home")).FullName;
        var caFile = _caFile ?? Path.Combine(directory, "ca.pem");
        var ca = LocalCertificateAuthority.Create("fn-aws-guardduty world CA");
        var parts = new List<IAsyncDisposable>();
        try
        {
            var guardDutyOptions = _guardDuty ?? new GuardDutyEmulatorOptions { LoggerFactory = _loggerFactory };
            guardDutyOptions.Credentials.AddRange(_aws);
            var guardDuty = await GuardDutyEmulator.StartAsync(guardDutyOptions, cancellationToken).ConfigureAwait(false);
            parts.Add(guardDuty);
            var detectors = _regions.ToDictionary(r => r, r => guardDuty.State.CreateDetector(_aws[0].AccountId, r), StringComparer.Ordinal);
            StsCallerIdentityEndpoint? sts = null;
            if (_sts)
            {
                sts = await StsCallerIdentityEndpoint.StartAsync(_aws, cancellationToken).ConfigureAwait(false);
                parts.Add(sts);
            }

            var soarOptions = new SoarEmulatorOptions
            {
                CertificateAuthority = ca,
                CaPemPath = caFile,
                Orgs = [new SoarOrgOptions { Id = _orgId, Name = _orgName, Uuid = Guid.NewGuid().ToString(),
                    ActionsFrameworkEnabled = _actionsFramework ?? (_stomp is not null || _sandboxBroker) }],
                ApiKeys = [new SoarApiKeyOptions { Id = _apiKeyId, Secret = _apiKeySecret, Name = "fn-aws-guardduty" }],
                Users = [],
            };
            foreach (var configure in _soar)
                configure(soarOptions);
            var soar = await SoarEmulator.StartAsync(soarOptions, _loggerFactory, cancellationToken).ConfigureAwait(false);
            parts.Add(soar);

            SandboxStompBroker? broker = null;
            var stomp = _stomp;
            if (_sandboxBroker)
            {
                broker = await SandboxStompBroker.StartAsync(new SandboxStompBrokerOptions
                {
                    Certificate = ca.IssueServerCertificate("localhost", "127.0.0.1"),
                    Users =
                    [
                        new SandboxStompUser(_apiKeyId, _apiKeySecret) { ReadQueues = [$"actions.{_orgId}.*"], WriteQueues = [$"acks.{_orgId}.*"] },
                        .. _brokerUsers,
                    ],
                }, _loggerFactory.CreateLogger<SandboxStompBroker>()).ConfigureAwait(false);
                parts.Add(broker);
                stomp = new WorldStomp("127.0.0.1", broker.Port, Tls: true, caFile);
            }

            WorldPushQueue? push = null;
            if (_pushMaxReceiveCount is { } maxReceiveCount)
            {
                push = await WorldPushQueue.StartAsync(new Sqs.SqsEmulatorOptions { Credentials = [.. _aws], LoggerFactory = _loggerFactory },
                    _regions.Count > 0 ? _regions[0] : "us-east-1", _aws[0].AccountId, maxReceiveCount, cancellationToken).ConfigureAwait(false);
                parts.Add(push);
                if (_pushFeed)
                    push.Attach(guardDuty.State);
            }

            return new World(new WorldParts(directory, home, caFile, ca, guardDuty, sts, soar, broker, stomp, detectors, _aws, _orgId, _orgName,
                _apiKeyId, _apiKeySecret, push), parts);
        }
        catch
        {
            for (var i = parts.Count - 1; i >= 0; i--)
                await parts[i].DisposeAsync().ConfigureAwait(false);
            ca.Dispose();
            TryDelete(directory);
            throw;
        }
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying child; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
