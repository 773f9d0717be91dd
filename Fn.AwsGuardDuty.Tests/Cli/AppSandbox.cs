using System.Security.Cryptography;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>
/// The <see cref="World"/> that <c>run</c> and <c>selftest</c> talk to: detectors in two regions, STS, and optionally a
/// real ActiveMQ (no broker: a port nobody listens on, "STOMP down"). The SOAR API keys equal the broker's users, as on
/// a real SOAR where one API key logs in to both. The verbs run in this process with a private environment.
/// </summary>
internal sealed class AppSandbox(World world, TestConfigFiles files, ActiveMqBroker? broker) : IAsyncDisposable
{
    public const string AwsAccount = "210987654321";
    public const string AwsKeyId = "AKIAWIRING0000000001";
    public static readonly string AwsSecret = "wiring/aws+secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "us-west-2"];

    public TestConfigFiles Files { get; } = files;

    public SoarEmulator Soar => world.Soar;

    public GuardDutyEmulator GuardDuty => world.GuardDuty;

    public ActiveMqBroker? Broker { get; } = broker;

    public int OrgId => world.OrgId;

    public string ApiKeyId => world.ApiKeyId;

    public string ApiKeySecret => world.ApiKeySecret;

    /// <summary>The broker's plain STOMP port, or a port nobody listens on.</summary>
    public int StompPort { get; } = world.Stomp?.Port ?? LoopbackPorts.Free();

    public string Queue => $"actions.{OrgId}.fn_aws_gd";

    public string LogDir => world.LogDir;

    public string LogFile => Path.Combine(LogDir, "app.log");

    /// <summary>The detector id made in each of <see cref="Regions"/>.</summary>
    public Dictionary<string, string> Detectors { get; } = world.Detectors.ToDictionary(d => d.Key, d => d.Value.DetectorId, StringComparer.Ordinal);

    public static async Task<AppSandbox> StartAsync(ActiveMqBroker? broker, bool actionsFrameworkEnabled = true)
    {
        var builder = World.Create().WithAws(AwsAccount, AwsKeyId, AwsSecret).WithRegions([.. Regions]).WithSts()
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Wiring Org", actionsFrameworkEnabled);
        if (broker is not null)
        {
            builder.WithApiKey(broker.Username, broker.Password).WithBroker(new WorldStomp("127.0.0.1", broker.StompPort, Tls: false))
                .WithSoar(o => o.ApiKeys.Add(new SoarApiKeyOptions { Id = broker.NoReadUsername, Secret = broker.NoReadPassword, Handle = 10 }));
        }

        return new AppSandbox(await builder.StartAsync(), new TestConfigFiles(), broker);
    }

    /// <summary>An app.config for all of it; <paramref name="resilientExtra"/> and <paramref name="guardDutyExtra"/> (key = value lines) go last.</summary>
    public string WriteConfig(string? apiKeyId = null, string? apiKeySecret = null, string resilientExtra = "", string guardDutyExtra = "",
        string? awsKeyId = null, string? cafile = null) =>
        world.WriteConfig(c =>
        {
            c.Resilient["api_key_id"] = apiKeyId ?? ApiKeyId;
            c.Resilient["api_key_secret"] = apiKeySecret ?? ApiKeySecret;
            c.Resilient["cafile"] = cafile ?? world.CaFile;
            c.Resilient["stomp_port"] = StompPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            WorldConfig.AddLines(c.Resilient, "stomp_timeout = 5\nnum_workers = 4\nrequest_max_retries = 2\nrequest_retry_delay = 1\n" + resilientExtra);
            c.GuardDuty["aws_gd_access_key_id"] = awsKeyId ?? AwsKeyId;
            WorldConfig.AddLines(c.GuardDuty, "aws_gd_polling_enabled = false\naws_gd_max_retries = 1\n" + guardDutyExtra);
        }, Path.Combine(Files.Directory, "work", "app.config"));

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
        await world.DisposeAsync();
        Files.Dispose();
    }
}
