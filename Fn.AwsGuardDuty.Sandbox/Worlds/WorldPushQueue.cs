using Fn.AwsGuardDuty.Sandbox.Sqs;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// The push side of a <see cref="World"/> (<see cref="WorldBuilder.WithPushQueue"/>): the SQS emulator, accepting the
/// world's AWS identities, holding the FIFO queue of deploy/aws/ in the first region with its FIFO dead-letter queue
/// (redrive after <see cref="MaxReceiveCount"/> receives), and <see cref="Feed"/>, which plays the EventBridge rule for
/// the world's GuardDuty: every finding created, updated or archived there becomes an event in the queue.
/// </summary>
public sealed class WorldPushQueue : IAsyncDisposable
{
    public const string QueueName = "fn-aws-guardduty.fifo";
    public const string DeadLetterQueueName = "fn-aws-guardduty-dlq.fifo";

    private WorldPushQueue(SqsEmulator sqs, SqsQueueKey queue, SqsQueueKey deadLetters, int maxReceiveCount)
    {
        Sqs = sqs;
        Queue = queue;
        DeadLetters = deadLetters;
        MaxReceiveCount = maxReceiveCount;
    }

    public SqsEmulator Sqs { get; }

    public SqsEmulatorState State => Sqs.State;

    public SqsQueueKey Queue { get; }

    public SqsQueueKey DeadLetters { get; }

    public int MaxReceiveCount { get; }

    /// <summary>The EventBridge rule; null until <see cref="Attach"/>.</summary>
    public EventBridgeFeed? Feed { get; private set; }

    /// <summary>Messages on the queue now (visible, in flight or delayed).</summary>
    public int Depth => State.Messages(Queue).Count;

    internal static async Task<WorldPushQueue> StartAsync(SqsEmulatorOptions options, string region, string account, int maxReceiveCount,
        CancellationToken cancellationToken)
    {
        var sqs = await SqsEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var deadLetters = sqs.State.CreateQueue(new SqsQueueKey(region, account, DeadLetterQueueName), new Dictionary<string, string> { ["FifoQueue"] = "true" });
        var queue = sqs.State.CreateQueue(new SqsQueueKey(region, account, QueueName), new Dictionary<string, string>
        {
            ["FifoQueue"] = "true",
            ["RedrivePolicy"] = new JObject { ["deadLetterTargetArn"] = deadLetters.Arn, ["maxReceiveCount"] = maxReceiveCount }.ToString(Newtonsoft.Json.Formatting.None),
        });
        return new WorldPushQueue(sqs, queue, deadLetters, maxReceiveCount);
    }

    internal void Attach(GuardDuty.GuardDutyEmulatorState guardDuty) => Feed = new EventBridgeFeed(guardDuty, State, Queue);

    /// <summary>A message no consumer can read, sent as another producer would, in its own message group so it holds up no findings.</summary>
    public void SendPoison(string body, string group = "poison") => State.Enqueue(Queue, body, group, "poison-" + Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        Feed?.Dispose();
        await Sqs.DisposeAsync().ConfigureAwait(false);
    }
}
