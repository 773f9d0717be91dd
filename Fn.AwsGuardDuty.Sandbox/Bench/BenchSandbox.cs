using System.Globalization;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Worlds;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// One scenario's <see cref="World"/>: the GuardDuty customization preloaded, a detector per region, and optionally the
/// shared ActiveMQ over TLS (the SOAR API key is the broker user, as on a real SOAR). Without a broker the org's actions
/// framework is off, so the app runs its poller alone.
/// </summary>
public sealed class BenchSandbox(World world, ActiveMqBroker? broker) : IAsyncDisposable
{
    public const int OrgId = 201;

    public World World { get; } = world;

    public SoarEmulator Soar => World.Soar;

    public GuardDutyEmulator GuardDuty => World.GuardDuty;

    public ActiveMqBroker? Broker { get; } = broker;

    public string Home => World.Home;

    public IReadOnlyDictionary<string, DetectorKey> Detectors => World.Detectors;

    /// <summary>The AWS key pair the app signs with (for other AWS emulators, e.g. SQS, started beside these).</summary>
    public AwsCredential AwsCredential => World.Aws[0];

    public static async Task<BenchSandbox> StartAsync(string workDir, IReadOnlyList<string> regions, ActiveMqBroker? broker, CancellationToken cancellationToken)
    {
        var builder = World.Create().InDirectory(workDir).WithRegions([.. regions]).WithOrg(OrgId, "Bench Org")
            .WithAws("123456789012", "AKIABENCH00000000001", "bench/aws+" + RandomNumberGenerator.GetHexString(16))
            .WithSoar(o => o.Preload = SoarPreload.GuardDuty);
        if (broker is not null)
            builder.WithApiKey(broker.Username, broker.Password).WithBroker(new WorldStomp("localhost", broker.StompSslPort, Tls: true, broker.CaCertificatePath));
        return new BenchSandbox(await builder.StartAsync(cancellationToken).ConfigureAwait(false), broker);
    }

    /// <summary>Adds <paramref name="count"/> generated findings to the region's detector; returns their ids.</summary>
    public List<string> Seed(string region, int count, int seed) =>
        World.Seed(World.Detectors[region], count, seed, start: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).Select(f => f.Value<string>("id")!).ToList();

    /// <summary>An app.config; <paramref name="pollingInterval"/> null turns the poller off, <paramref name="numWorkers"/> null leaves the default.</summary>
    public string WriteConfig(string name, TimeSpan? pollingInterval, int? numWorkers, IReadOnlyList<string> regions, string loglevel = "INFO") =>
        World.WriteConfig(c =>
        {
            c.Resilient.Remove("logdir");
            c.Resilient["loglevel"] = loglevel;
            if (numWorkers is { } workers)
                c.Resilient["num_workers"] = workers.ToString(CultureInfo.InvariantCulture);
            c.GuardDuty["aws_gd_master_region"] = regions[0];
            c.GuardDuty["aws_gd_regions"] = string.Join(", ", regions);
            c.GuardDuty["aws_gd_polling_enabled"] = pollingInterval is null ? "false" : "true";
            c.GuardDuty["aws_gd_polling_interval"] = DurationParser.Format(pollingInterval ?? TimeSpan.FromMinutes(10));
        }, Path.Combine(World.Directory, name + ".config"));

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
