using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>
/// Everything <c>run</c> and <c>selftest</c> talk to, on 127.0.0.1: the SOAR emulator over HTTPS (its CA written for
/// cafile), the GuardDuty/EC2 emulator with detectors in two regions, the loopback STS stand-in, and optionally a real
/// ActiveMQ. The SOAR API keys equal the broker's users, as on a real SOAR where one API key logs in to both.
/// </summary>
internal sealed class AppSandbox : IAsyncDisposable
{
    public const string AwsAccount = "210987654321";
    public const string AwsKeyId = "AKIAWIRING0000000001";
    public const string NoReadKeyId = "no-read";
    public static readonly string AwsSecret = "wiring/aws+secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "us-west-2"];

    private AppSandbox(TestConfigFiles files, SoarEmulator soar, GuardDutyEmulator guardDuty, StsStandIn sts, ActiveMqBroker? broker,
        int orgId, string apiKeyId, string apiKeySecret, int stompPort)
    {
        Files = files;
        Soar = soar;
        GuardDuty = guardDuty;
        Sts = sts;
        Broker = broker;
        OrgId = orgId;
        ApiKeyId = apiKeyId;
        ApiKeySecret = apiKeySecret;
        StompPort = stompPort;
    }

    public TestConfigFiles Files { get; }

    public SoarEmulator Soar { get; }

    public GuardDutyEmulator GuardDuty { get; }

    public StsStandIn Sts { get; }

    public ActiveMqBroker? Broker { get; }

    public int OrgId { get; }

    public string ApiKeyId { get; }

    public string ApiKeySecret { get; }

    /// <summary>The broker's plain STOMP port, or a closed port when there is no broker ("STOMP down").</summary>
    public int StompPort { get; }

    public string Queue => $"actions.{OrgId}.fn_aws_gd";

    public string CaPath => Path.Combine(Files.Directory, "soar-ca.pem");

    public string LogDir => Path.Combine(Files.Directory, "logs");

    public string LogFile => Path.Combine(LogDir, "app.log");

    /// <summary>The detector made in each of <see cref="Regions"/>.</summary>
    public Dictionary<string, string> Detectors { get; } = new(StringComparer.Ordinal);

    public static async Task<AppSandbox> StartAsync(ActiveMqBroker? broker, bool actionsFrameworkEnabled = true)
    {
        var files = new TestConfigFiles();
        var orgId = Random.Shared.Next(100_000, 2_000_000_000);
        var apiKeyId = broker?.Username ?? "wiring-key";
        var apiKeySecret = broker?.Password ?? "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var apiKeys = new List<SoarApiKeyOptions> { new() { Id = apiKeyId, Secret = apiKeySecret, Handle = 9 } };
        if (broker is not null)
        {
            apiKeys.Add(new SoarApiKeyOptions { Id = broker.NoReadUsername, Secret = broker.NoReadPassword, Handle = 10 });
        }

        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = Path.Combine(files.Directory, "soar-ca.pem"),
            Orgs = [new SoarOrgOptions { Id = orgId, Name = "Wiring Org", Uuid = Guid.NewGuid().ToString(), ActionsFrameworkEnabled = actionsFrameworkEnabled }],
            ApiKeys = apiKeys,
        });
        var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(AwsKeyId, AwsSecret, AwsAccount)],
        });
        var sts = await StsStandIn.StartAsync();
        sts.Identities[AwsKeyId] = AwsAccount;
        var sandbox = new AppSandbox(files, soar, guardDuty, sts, broker, orgId, apiKeyId, apiKeySecret, broker?.StompPort ?? ClosedPort());
        foreach (var region in Regions)
        {
            sandbox.Detectors[region] = guardDuty.State.CreateDetector(AwsAccount, region).DetectorId;
        }

        return sandbox;
    }

    /// <summary>An app.config for all of it; <paramref name="resilientExtra"/> and <paramref name="guardDutyExtra"/> go last in their sections.</summary>
    public string WriteConfig(string? apiKeyId = null, string? apiKeySecret = null, string resilientExtra = "", string guardDutyExtra = "",
        string? awsKeyId = null, string? cafile = null) =>
        Files.Write($"""
            [resilient]
            host = 127.0.0.1
            port = {Soar.Port}
            org = Wiring Org
            api_key_id = {apiKeyId ?? ApiKeyId}
            api_key_secret = {apiKeySecret ?? ApiKeySecret}
            cafile = {cafile ?? CaPath}
            stomp_host = 127.0.0.1
            stomp_port = {StompPort}
            stomp_tls = false
            stomp_timeout = 5
            num_workers = 4
            request_max_retries = 2
            request_retry_delay = 1
            logdir = {LogDir}
            {resilientExtra}

            [fn_aws_guardduty]
            aws_gd_access_key_id = {awsKeyId ?? AwsKeyId}
            aws_gd_secret_access_key = {AwsSecret}
            aws_gd_master_region = us-east-1
            aws_gd_regions = {string.Join(", ", Regions)}
            aws_gd_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_ec2_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_sts_endpoint_url = {Sts.Endpoint}
            aws_gd_polling_enabled = false
            aws_gd_max_retries = 1
            aws_gd_state_dir = {Path.Combine(Files.Directory, "state")}
            {guardDutyExtra}
            """);

    /// <summary>The verbs' context: captured streams, this sandbox's private environment, extra services.</summary>
    public CliContext Context(TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices = null) => new()
    {
        Out = output,
        Error = error,
        Environment = Files.Environment,
        ConfigureServices = configureServices,
    };

    /// <summary>The log file's text (empty when it was not written).</summary>
    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>The secrets the app was given; none may appear in a log line or on the console.</summary>
    public IEnumerable<string> Secrets => new[] { ApiKeySecret, AwsSecret, Broker?.NoReadPassword }.OfType<string>();

    public async ValueTask DisposeAsync()
    {
        await Soar.DisposeAsync();
        await GuardDuty.DisposeAsync();
        await Sts.DisposeAsync();
        Files.Dispose();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
