using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Sqs;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// Several instances of the built app on one <see cref="World"/> with a push queue (extensions.md §B "Several
/// instances"), as an operator runs them on several machines: each its own app.config, state folder and log folder,
/// and its own AWS access key of the world's account (the world needs one identity per instance, <see cref="WorldBuilder.WithAws"/>),
/// so the SQS emulator's receive records tell which instance holds a message. An instance can be started, SIGKILLed
/// and started again; the world stops what still runs when it is disposed.
/// </summary>
public sealed class AppCluster
{
    /// <summary>The push intake's first line: the instance is receiving.</summary>
    public const string ReadyMarker = "Push intake: receiving from";

    /// <summary>A finding escalated from the queue.</summary>
    public const string EscalatedMarker = "escalated to SOAR incident";

    private readonly World _world;
    private readonly List<AppInstance> _instances;

    private AppCluster(World world, List<AppInstance> instances)
    {
        _world = world;
        _instances = instances;
    }

    public IReadOnlyList<AppInstance> Instances => _instances;

    public AppInstance this[int index] => _instances[index];

    /// <summary>
    /// Writes the app.config of <paramref name="count"/> instances: the world's config with instance i signing with the
    /// world's i-th AWS identity, its own folders, then <paramref name="edit"/>. Nothing starts yet.
    /// </summary>
    /// <param name="onLine">Each line an instance writes: instance name, "out" or "err", the line.</param>
    public static AppCluster Create(World world, int count, string executable, Action<WorldConfig>? edit = null,
        Action<string, string, string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (world.Aws.Count < count || world.Aws.Take(count).Select(a => a.AccountId).Distinct().Count() != 1)
            throw new ArgumentException($"{count} instances need {count} AWS identities of one account in the world (WithAws)", nameof(count));
        _ = world.Push;
        var instances = new List<AppInstance>();
        for (var i = 0; i < count; i++)
        {
            var name = $"instance-{(char)('a' + i)}";
            var folder = Directory.CreateDirectory(Path.Combine(world.Directory, name)).FullName;
            var aws = world.Aws[i];
            var config = world.WriteConfig(c =>
            {
                c.Resilient["logdir"] = Path.Combine(folder, "logs");
                c.GuardDuty["aws_gd_access_key_id"] = aws.AccessKeyId;
                c.GuardDuty["aws_gd_secret_access_key"] = aws.SecretAccessKey;
                if (aws.SessionToken is { } token)
                    c.GuardDuty["aws_gd_session_token"] = token;
                c.GuardDuty["aws_gd_state_dir"] = Path.Combine(folder, "state");
                edit?.Invoke(c);
            }, Path.Combine(folder, "app.config"));
            instances.Add(new AppInstance(world, i, name, aws, new AppProcessStart(executable, name)
            {
                ConfigPath = config,
                Markers = [ReadyMarker, EscalatedMarker, AppProcess.CycleMarker],
                OnLine = onLine is null ? null : (stream, line) => onLine(name, stream, line),
                Environment = environment ?? new Dictionary<string, string>(),
            }));
        }

        return new AppCluster(world, instances);
    }

    /// <summary>Starts every instance and waits until each is receiving from the queue.</summary>
    public async Task StartAllAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        foreach (var instance in _instances)
            instance.Start();
        await Task.WhenAll(_instances.Select(i => i.WaitReadyAsync(timeout, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The running instance that holds a finding event (the EventBridge rule's message group) in flight now (it received it and has not deleted it), or null.</summary>
    public AppInstance? ConsumerNow()
    {
        var receivers = _world.Push.State.ReceiversInFlight(_world.Push.Queue, EventBridgeFeed.MessageGroupId);
        return _instances.FirstOrDefault(i => i.IsRunning && receivers.Contains(i.AccessKeyId, StringComparer.Ordinal));
    }

    /// <summary>Waits until a running instance holds a message in flight (checked every millisecond or so) and returns it.</summary>
    public async Task<AppInstance> WaitForConsumerAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ConsumerNow() is { } consumer)
                return consumer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no instance held a message of the push queue in flight within {timeout.TotalSeconds:0} s");
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan InTransitGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Catches the consumer at work: waits for an instance holding messages of the push queue in flight, freezes it
    /// (SIGSTOP) and, if it still holds some once frozen and its last requests have been served (it may have just
    /// deleted them), returns it with the ids of those messages; otherwise lets it go on and tries again. The caller kills it (a frozen process cannot delete
    /// anything, so what it holds is exactly what its death leaves behind) or resumes it.
    /// </summary>
    public async Task<(AppInstance Consumer, IReadOnlyList<string> Held)> FreezeConsumerAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var consumer = await WaitForConsumerAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            consumer.Process!.Pause();
            // A request the consumer wrote just before the stop (a DeleteMessageBatch) still reaches the emulator;
            // once it has been served, what the consumer holds is what its death leaves behind.
            await Task.Delay(InTransitGrace, cancellationToken).ConfigureAwait(false);
            var now = _world.Push.State.Clock.GetUtcNow();
            var held = _world.Push.State.Messages(_world.Push.Queue)
                .Where(m => m.IsInFlight(now) && m.ReceivedBy == consumer.AccessKeyId && m.MessageGroupId == EventBridgeFeed.MessageGroupId).Select(m => m.MessageId).ToList();
            if (held.Count > 0)
                return (consumer, held);
            consumer.Process.Resume();
        }
    }

    /// <summary>The instance that signs with <paramref name="accessKeyId"/>, or null.</summary>
    public AppInstance? ByAccessKey(string? accessKeyId) => _instances.FirstOrDefault(i => i.AccessKeyId == accessKeyId);
}

/// <summary>One instance of an <see cref="AppCluster"/>: its current process (null before the first start) and how often it started.</summary>
public sealed class AppInstance
{
    private readonly World _world;
    private readonly AppProcessStart _start;

    internal AppInstance(World world, int index, string name, AwsCredential aws, AppProcessStart start)
    {
        _world = world;
        Index = index;
        Name = name;
        AccessKeyId = aws.AccessKeyId;
        _start = start;
    }

    public int Index { get; }

    public string Name { get; }

    /// <summary>The AWS access key this instance signs with (the SQS emulator's receiver).</summary>
    public string AccessKeyId { get; }

    public string ConfigPath => _start.ConfigPath!;

    public AppProcess? Process { get; private set; }

    public int Starts { get; private set; }

    public bool IsRunning => Process is { HasExited: false };

    /// <summary>Starts the instance (again, after a kill): same config, state and logs.</summary>
    public AppProcess Start()
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} is running");
        Starts++;
        Process = _world.StartApp(_start with { Name = $"{Name} (start {Starts})" });
        return Process;
    }

    /// <summary>Waits for the push intake's first line of the current process.</summary>
    public Task<AppLine> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (Process ?? throw new InvalidOperationException($"{Name} was never started")).WaitForAsync(AppCluster.ReadyMarker, timeout, cancellationToken);

    /// <summary>SIGKILL, as a crash or a lost machine.</summary>
    public Task KillAsync() => Process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>SIGKILL from a synchronous hook (an emulator's observer): returns once the process is gone.</summary>
    public void KillNow() => Process?.KillNow();
}
