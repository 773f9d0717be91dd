using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push.Support;

/// <summary>
/// What <c>run</c> in push mode talks to, on 127.0.0.1: the SOAR emulator (GuardDuty customization preloaded), the
/// GuardDuty emulator with a detector in <see cref="Region"/>, the STS stand-in, and the SQS emulator holding a FIFO
/// queue with a FIFO dead-letter queue (redrive after <c>maxReceiveCount</c> receives), fed as the EventBridge rule of
/// deploy/aws/ feeds it (message group <c>guardduty</c>, the event id as deduplication id). App instances run
/// in-process, each with its own config, state folder and log folder.
/// </summary>
internal sealed class PushWorld : IAsyncDisposable
{
    public const string AwsAccount = "210987654321";
    public const string AwsKeyId = "AKIAPUSHWIRE00000001";
    public const string AwsSecret = "push/wire+secret-abcdefghijkl";
    public const string Region = "us-east-1";
    public const string ApiKeyId = "push-wire-key";
    private const string ApiKeySecret = "push-wire-api-key-secret";

    private readonly List<RunningApp> _apps = [];

    private PushWorld(TestConfigFiles files, SoarEmulator soar, GuardDutyEmulator guardDuty, StsStandIn sts, SqsEmulator sqs)
    {
        Files = files;
        Soar = soar;
        GuardDuty = guardDuty;
        Sts = sts;
        Sqs = sqs;
        Detector = guardDuty.State.EnsureDetector(AwsAccount, Region);
    }

    public TestConfigFiles Files { get; }

    public SoarEmulator Soar { get; }

    public SoarOrgState Org => Soar.State.DefaultOrg;

    public GuardDutyEmulator GuardDuty { get; }

    public StsStandIn Sts { get; }

    public SqsEmulator Sqs { get; }

    public DetectorKey Detector { get; }

    public SqsQueueKey Queue { get; } = new(Region, AwsAccount, "fn-aws-guardduty.fifo");

    public SqsQueueKey DeadLetters { get; } = new(Region, AwsAccount, "fn-aws-guardduty-dlq.fifo");

    public string CaPath => Path.Combine(Files.Directory, "soar-ca.pem");

    public static async Task<PushWorld> StartAsync(int maxReceiveCount = 2)
    {
        var files = new TestConfigFiles();
        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = Path.Combine(files.Directory, "soar-ca.pem"),
            Preload = SoarPreload.GuardDuty,
            ApiKeys = [new SoarApiKeyOptions { Id = ApiKeyId, Secret = ApiKeySecret }],
        });
        var credentials = new List<AwsCredential> { new(AwsKeyId, AwsSecret, AwsAccount) };
        var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions { Credentials = credentials });
        var sts = await StsStandIn.StartAsync();
        sts.Identities[AwsKeyId] = AwsAccount;
        var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = credentials });
        var world = new PushWorld(files, soar, guardDuty, sts, sqs);
        sqs.State.CreateQueue(world.DeadLetters, new Dictionary<string, string> { ["FifoQueue"] = "true" });
        sqs.State.CreateQueue(world.Queue, new Dictionary<string, string>
        {
            ["FifoQueue"] = "true",
            ["RedrivePolicy"] = new JObject { ["deadLetterTargetArn"] = world.DeadLetters.Arn, ["maxReceiveCount"] = maxReceiveCount }.ToString(),
        });
        return world;
    }

    /// <summary>Starts <c>run</c> in-process as instance <paramref name="name"/>; <paramref name="guardDutyExtra"/> goes last in [fn_aws_guardduty].</summary>
    public RunningApp StartApp(string name, string guardDutyExtra = "aws_gd_polling_enabled = false")
    {
        var path = WriteConfig(name, guardDutyExtra);
        var app = new RunningApp(name, Path.Combine(Files.Directory, name, "logs", "app.log"));
        app.Start(new CliContext { Out = app.Output, Error = app.Output, Environment = Files.Environment }, path);
        _apps.Add(app);
        return app;
    }

    /// <summary>The state folder of instance <paramref name="name"/>.</summary>
    public string StateDir(string name) => Path.Combine(Files.Directory, name, "state");

    /// <summary>The app.config of instance <paramref name="name"/> on <paramref name="queue"/> (default: <see cref="Queue"/>).</summary>
    public string WriteConfig(string name, string guardDutyExtra = "aws_gd_polling_enabled = false", SqsQueueKey? queue = null)
    {
        var dir = Path.Combine(Files.Directory, name);
        Directory.CreateDirectory(dir);
        return Files.Write($"""
            [resilient]
            host = 127.0.0.1
            port = {Soar.Port}
            org = {Org.Options.Name}
            api_key_id = {ApiKeyId}
            api_key_secret = {ApiKeySecret}
            cafile = {CaPath}
            stomp_host = 127.0.0.1
            stomp_port = {ClosedPort()}
            stomp_tls = false
            stomp_timeout = 5
            request_max_retries = 2
            request_retry_delay = 1
            logdir = {Path.Combine(dir, "logs")}

            [fn_aws_guardduty]
            aws_gd_access_key_id = {AwsKeyId}
            aws_gd_secret_access_key = {AwsSecret}
            aws_gd_master_region = {Region}
            aws_gd_regions = {Region}
            aws_gd_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_ec2_endpoint_url = {GuardDuty.Endpoint}
            aws_gd_sts_endpoint_url = {Sts.Endpoint}
            aws_gd_max_retries = 1
            aws_gd_state_dir = {StateDir(name)}
            aws_gd_sqs_queue_url = {(queue ?? Queue).Url}
            aws_gd_sqs_endpoint_url = {Sqs.Endpoint}
            aws_gd_sqs_wait_time = 1s
            aws_gd_sqs_visibility_timeout = 5s
            {guardDutyExtra}
            """, $"{name}/app.config");
    }

    /// <summary>Findings made by the generator for the detector, recent (so no lookback leaves them out), not yet in GuardDuty.</summary>
    public List<JObject> NewFindings(int count, int seed) =>
        new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = AwsAccount,
            Region = Region,
            DetectorId = Detector.DetectorId,
            StartTime = DateTimeOffset.UtcNow.AddMinutes(-30),
        }).Generate(count).ToList();

    /// <summary>The <c>GuardDuty Finding</c> event EventBridge delivers for <paramref name="finding"/>.</summary>
    public static JObject FindingEvent(JObject finding, string? eventId = null) => new()
    {
        ["version"] = "0",
        ["id"] = eventId ?? Guid.NewGuid().ToString(),
        ["detail-type"] = "GuardDuty Finding",
        ["source"] = "aws.guardduty",
        ["account"] = finding.Value<string>("accountId"),
        ["time"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = finding.Value<string>("region"),
        ["resources"] = new JArray(),
        ["detail"] = finding,
    };

    /// <summary>Delivers <paramref name="body"/> as the EventBridge rule's FIFO target does (group <c>guardduty</c>, the event id as deduplication id).</summary>
    public void Publish(JObject body) => Publish(body.ToString(Newtonsoft.Json.Formatting.None), body.Value<string>("id") ?? Guid.NewGuid().ToString());

    public void Publish(string body, string deduplicationId) => Sqs.State.Enqueue(Queue, body, "guardduty", deduplicationId);

    public IReadOnlyList<SoarIncidentView> IncidentsOf(string findingId) => Org.FindByProperty(IncidentFields.FindingId, findingId).ToList();

    public static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting" + (because is null ? "" : ": " + because));
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.StopAsync();
        await Sqs.DisposeAsync();
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
