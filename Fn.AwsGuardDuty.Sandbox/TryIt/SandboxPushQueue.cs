using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The push side of the try-it sandbox: an SQS emulator holding the FIFO queue (with its dead-letter queue) that the
/// EventBridge rule of deploy/aws/ would feed, and <see cref="Feed"/>, which plays that rule for the world's GuardDuty.
/// </summary>
public sealed class SandboxPushQueue : IAsyncDisposable
{
    public const string QueueName = "fn-aws-guardduty.fifo";
    public const string DeadLetterQueueName = "fn-aws-guardduty-dlq.fifo";

    private SandboxPushQueue(SqsEmulator sqs, EventBridgeFeed feed)
    {
        Sqs = sqs;
        Feed = feed;
    }

    public SqsEmulator Sqs { get; }

    /// <summary>The EventBridge rule: GuardDuty finding events into the push queue.</summary>
    public EventBridgeFeed Feed { get; }

    public static async Task<SandboxPushQueue> StartAsync(World world, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = [.. world.Aws], LoggerFactory = loggerFactory }, cancellationToken)
            .ConfigureAwait(false);
        var region = world.Regions[0];
        var deadLetters = sqs.State.CreateQueue(new SqsQueueKey(region, world.Account, DeadLetterQueueName),
            new Dictionary<string, string> { ["FifoQueue"] = "true" });
        var queue = sqs.State.CreateQueue(new SqsQueueKey(region, world.Account, QueueName), new Dictionary<string, string>
        {
            ["FifoQueue"] = "true",
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetters.Arn}}","maxReceiveCount":5}""",
        });
        return new SandboxPushQueue(sqs, new EventBridgeFeed(world.GuardDuty.State, sqs.State, queue));
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Dispose();
        await Sqs.DisposeAsync().ConfigureAwait(false);
    }
}
