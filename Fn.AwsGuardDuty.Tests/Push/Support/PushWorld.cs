using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push.Support;

/// <summary>
/// What <c>run</c> in push mode talks to, on the shared <see cref="Sandbox.Worlds.World"/>: the SOAR emulator (GuardDuty
/// customization preloaded), the GuardDuty emulator with a detector in <see cref="Region"/>, STS, and the world's push
/// queue (FIFO with a FIFO dead-letter queue, redrive after <c>maxReceiveCount</c> receives) into which the tests deliver
/// events by hand, as the EventBridge rule of deploy/aws/ does (message group <c>guardduty</c>, the event id as
/// deduplication id). App instances run in-process, each with its own config, state folder and log folder.
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

    private PushWorld(World world)
    {
        World = world;
        Detector = world.Detectors[Region];
    }

    public World World { get; }

    public SoarEmulator Soar => World.Soar;

    public SoarOrgState Org => World.Org;

    public GuardDutyEmulator GuardDuty => World.GuardDuty;

    public SqsEmulator Sqs => World.Push.Sqs;

    public DetectorKey Detector { get; }

    public SqsQueueKey Queue => World.Push.Queue;

    public SqsQueueKey DeadLetters => World.Push.DeadLetters;

    /// <summary>The app's environment: nothing from the shell, HOME and the working folder in the world.</summary>
    public AppEnvironment Environment => AppEnvironment.FromDictionary(new Dictionary<string, string>(), World.Home, World.Home);

    public static async Task<PushWorld> StartAsync(int maxReceiveCount = 2) =>
        new(await World.Create().WithRegions(Region).WithAws(AwsAccount, AwsKeyId, AwsSecret).WithSts()
            .WithApiKey(ApiKeyId, ApiKeySecret).WithSoar(o => o.Preload = SoarPreload.GuardDuty)
            .WithPushQueue(maxReceiveCount, eventBridgeFeed: false)
            .StartAsync());

    /// <summary>Starts <c>run</c> in-process as instance <paramref name="name"/>; <paramref name="guardDutyExtra"/> goes last in [fn_aws_guardduty].</summary>
    public RunningApp StartApp(string name, string guardDutyExtra = "aws_gd_polling_enabled = false")
    {
        var path = WriteConfig(name, guardDutyExtra);
        var app = new RunningApp(name, Path.Combine(Folder(name), "logs", "app.log"));
        app.Start(new CliContext { Out = app.Output, Error = app.Output, Environment = Environment }, path);
        _apps.Add(app);
        return app;
    }

    /// <summary>The state folder of instance <paramref name="name"/>.</summary>
    public string StateDir(string name) => Path.Combine(Folder(name), "state");

    /// <summary>The app.config of instance <paramref name="name"/> on <paramref name="queue"/> (default: <see cref="Queue"/>).</summary>
    public string WriteConfig(string name, string guardDutyExtra = "aws_gd_polling_enabled = false", SqsQueueKey? queue = null)
    {
        var folder = Directory.CreateDirectory(Folder(name)).FullName;
        return World.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "stomp_timeout = 5\nrequest_max_retries = 2\nrequest_retry_delay = 1");
            c.Resilient["logdir"] = Path.Combine(folder, "logs");
            c.GuardDuty["aws_gd_max_retries"] = "1";
            c.GuardDuty["aws_gd_state_dir"] = StateDir(name);
            c.GuardDuty["aws_gd_sqs_queue_url"] = (queue ?? Queue).Url;
            c.GuardDuty["aws_gd_sqs_wait_time"] = "1s";
            c.GuardDuty["aws_gd_sqs_visibility_timeout"] = "5s";
            WorldConfig.AddLines(c.GuardDuty, guardDutyExtra);
        }, Path.Combine(folder, "app.config"));
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

    public void Publish(string body, string deduplicationId) => Sqs.State.Enqueue(Queue, body, EventBridgeFeed.MessageGroupId, deduplicationId);

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
        await World.DisposeAsync();
    }

    private string Folder(string name) => Path.Combine(World.Directory, name);
}
