using System.Globalization;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// What one scenario's app talks to, on 127.0.0.1: the SOAR REST emulator (HTTPS, its CA written for <c>cafile</c>,
/// the GuardDuty customization preloaded), the GuardDuty/EC2 emulator with one detector per region, and optionally the
/// shared ActiveMQ (the SOAR API key is the broker user, as on a real SOAR). Without a broker the org's actions
/// framework is off, so the app runs its poller alone. Writes the app.config for it.
/// </summary>
public sealed class BenchSandbox : IAsyncDisposable
{
    public const string AwsAccount = "123456789012";
    public const string AwsKeyId = "AKIABENCH00000000001";
    public const int OrgId = 201;
    public const string OrgName = "Bench Org";

    private readonly string _awsSecret;
    private readonly string _directory;

    private BenchSandbox(string directory, SoarEmulator soar, GuardDutyEmulator guardDuty, ActiveMqBroker? broker, string apiKeyId, string apiKeySecret,
        string awsSecret)
    {
        _directory = directory;
        _awsSecret = awsSecret;
        Soar = soar;
        GuardDuty = guardDuty;
        Broker = broker;
        ApiKeyId = apiKeyId;
        ApiKeySecret = apiKeySecret;
    }

    public SoarEmulator Soar { get; }

    public GuardDutyEmulator GuardDuty { get; }

    public ActiveMqBroker? Broker { get; }

    public string ApiKeyId { get; }

    public string ApiKeySecret { get; }

    /// <summary>The AWS key pair the app signs with (for other AWS emulators, e.g. SQS, started beside these).</summary>
    public AwsCredential AwsCredential => new(AwsKeyId, _awsSecret, AwsAccount);

    /// <summary>The app's HOME and working directory.</summary>
    public string Home => Path.Combine(_directory, "home");

    public string StateDir => Path.Combine(_directory, "state");

    public string CaPath => Path.Combine(_directory, "soar-ca.pem");

    public Dictionary<string, DetectorKey> Detectors { get; } = new(StringComparer.Ordinal);

    public static async Task<BenchSandbox> StartAsync(string workDir, IReadOnlyList<string> regions, ActiveMqBroker? broker, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDir, "sandbox-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var awsSecret = "bench/aws+" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Directory.CreateDirectory(Path.Combine(directory, "home"));
        var apiKeyId = broker?.Username ?? "bench-api-key";
        var apiKeySecret = broker?.Password ?? "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = Path.Combine(directory, "soar-ca.pem"),
            Preload = SoarPreload.GuardDuty,
            Orgs = [new SoarOrgOptions { Id = OrgId, Name = OrgName, ActionsFrameworkEnabled = broker is not null }],
            ApiKeys = [new SoarApiKeyOptions { Id = apiKeyId, Secret = apiKeySecret }],
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        GuardDutyEmulator guardDuty;
        try
        {
            guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
            {
                Credentials = [new AwsCredential(AwsKeyId, awsSecret, AwsAccount)],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await soar.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var sandbox = new BenchSandbox(directory, soar, guardDuty, broker, apiKeyId, apiKeySecret, awsSecret);
        sandbox.CreateDetectors(regions);
        return sandbox;
    }

    /// <summary>Adds <paramref name="count"/> generated findings to the region's detector; returns their ids.</summary>
    public List<string> Seed(string region, int count, int seed)
    {
        var detector = Detectors[region];
        var generator = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = region,
            DetectorId = detector.DetectorId,
        });
        var ids = new List<string>(count);
        // Added in chunks so the generator's output is never held all at once.
        foreach (var chunk in generator.Generate(count).Chunk(500))
        {
            GuardDuty.State.AddFindings(detector, chunk);
            ids.AddRange(chunk.Select(f => f.Value<string>("id")!));
        }

        return ids;
    }

    /// <summary>
    /// An app.config for this sandbox. <paramref name="pollingInterval"/> null turns the poller off; <paramref name="numWorkers"/>
    /// null leaves num_workers at its default. STOMP goes over TLS to the broker's SSL connector, as on a real SOAR.
    /// </summary>
    public string WriteConfig(string name, TimeSpan? pollingInterval, int? numWorkers, IReadOnlyList<string> regions, string loglevel = "INFO")
    {
        var stomp = Broker is null
            ? "stomp_port = 65001"
            : $"""
               stomp_host = localhost
               stomp_port = {Broker.StompSslPort}
               stomp_cafile = {Broker.CaCertificatePath}
               """;
        var text = $"""
            [resilient]
            host = 127.0.0.1
            port = {Soar.Port}
            org = {OrgName}
            api_key_id = {ApiKeyId}
            api_key_secret = {ApiKeySecret}
            cafile = {CaPath}
            {stomp}
            {(numWorkers is { } workers ? "num_workers = " + workers.ToString(CultureInfo.InvariantCulture) : "")}
            loglevel = {loglevel}

            [fn_aws_guardduty]
            aws_gd_access_key_id = {AwsKeyId}
            aws_gd_secret_access_key = {_awsSecret}
            aws_gd_master_region = {regions[0]}
            aws_gd_regions = {string.Join(", ", regions)}
            aws_gd_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_ec2_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_sts_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_polling_enabled = {(pollingInterval is null ? "false" : "true")}
            aws_gd_polling_interval = {(pollingInterval is { } interval ? ((long)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : "10")}
            aws_gd_state_dir = {StateDir}
            """;
        var path = Path.Combine(_directory, name + ".config");
        File.WriteAllText(path, text);
        return path;
    }

    private void CreateDetectors(IEnumerable<string> regions)
    {
        foreach (var region in regions)
        {
            Detectors[region] = GuardDuty.State.CreateDetector(AwsAccount, region);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Soar.DisposeAsync().ConfigureAwait(false);
        await GuardDuty.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying child; the bench's work dir is removed at the end anyway.
        }
    }
}
