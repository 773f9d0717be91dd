using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// The push intake's receive loop: long-polls the queue for batches, reads each message (<see cref="PushMessageReader"/>),
/// hands findings and malware results to the <see cref="IPushHandler"/>, and deletes (DeleteMessageBatch) only what is
/// done: handled with <see cref="PushOutcome.Done"/>, or ignored. While a batch is being processed its messages' visibility
/// is extended, so no other instance receives them. An unreadable message is left on the queue (made visible again after
/// a short delay) for the redrive policy to move to the dead-letter queue. Messages of one FIFO group are handled in
/// order; when one is not done, the rest of its group in the batch is left too, so the group keeps its order.
/// </summary>
public sealed class PushReceiver
{
    private static readonly TimeSpan DeleteDeadline = TimeSpan.FromSeconds(15);
    private static readonly List<string> SystemAttributes = ["ApproximateReceiveCount", "MessageGroupId", "SentTimestamp"];

    private readonly IAmazonSQS sqs;
    private readonly PushOptions options;
    private readonly IPushHandler handler;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly PushMessageReader reader = new();
    private readonly string queueUrl;
    private readonly TimeSpan unreadableRedeliveryDelay;
    private readonly TimeSpan minBackoff;
    private readonly TimeSpan maxBackoff;

    /// <param name="unreadableRedeliveryDelay">How long an unreadable message stays hidden before it is received again
    /// (and so counted towards the redrive policy's maxReceiveCount); default 10 s.</param>
    /// <param name="receiveBackoff">First pause after a failed ReceiveMessage, doubled up to 30 s; default 1 s.</param>
    public PushReceiver(IAmazonSQS sqs, PushOptions options, IPushHandler handler, ILogger<PushReceiver> logger,
        TimeProvider? time = null, TimeSpan? unreadableRedeliveryDelay = null, TimeSpan? receiveBackoff = null)
    {
        this.sqs = sqs;
        this.options = options;
        this.handler = handler;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        queueUrl = options.Queue.Url.ToString();
        this.unreadableRedeliveryDelay = unreadableRedeliveryDelay ?? TimeSpan.FromSeconds(10);
        minBackoff = receiveBackoff ?? TimeSpan.FromSeconds(1);
        maxBackoff = TimeSpan.FromSeconds(30);
    }

    public PushCounters Counters { get; } = new();

    /// <summary>Receives and processes until <paramref name="cancellationToken"/> is cancelled; AWS failures are logged and retried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Push intake: receiving from {Queue} ({Kind} queue, region {Region})",
            queueUrl, options.Queue.IsFifo ? "FIFO" : "standard", options.Queue.Region);
        var backoff = minBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReceiveOnceAsync(cancellationToken).ConfigureAwait(false);
                backoff = minBackoff;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
            {
                Counters.AddReceiveFailure();
                logger.LogWarning("Push intake: ReceiveMessage on {Queue} failed ({Error}); retrying in {Delay:0.#} s", queueUrl, Describe(e), backoff.TotalSeconds);
                try
                {
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = backoff * 2 > maxBackoff ? maxBackoff : backoff * 2;
            }
        }
    }

    /// <summary>One ReceiveMessage and the processing of what it returned; the number of messages received.</summary>
    public async Task<int> ReceiveOnceAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = options.MaxMessages,
            WaitTimeSeconds = (int)options.WaitTime.TotalSeconds,
            VisibilityTimeout = (int)options.VisibilityTimeout.TotalSeconds,
            MessageSystemAttributeNames = SystemAttributes,
        }, cancellationToken).ConfigureAwait(false);
        var messages = response.Messages ?? [];
        Counters.AddReceived(messages.Count, time.GetUtcNow());
        if (messages.Count == 0)
        {
            return 0;
        }

        var inFlight = new ConcurrentDictionary<string, Message>(messages.Select(m => KeyValuePair.Create(m.MessageId, m)));
        var done = new ConcurrentQueue<Message>();
        using var extending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var extender = ExtendVisibilityAsync(inFlight, extending.Token);
        try
        {
            var lanes = messages.GroupBy(m => m.Attributes?.GetValueOrDefault("MessageGroupId") ?? m.MessageId);
            await Task.WhenAll(lanes.Select(lane => ProcessLaneAsync(lane.ToList(), inFlight, done, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            // Deleted even when shutting down: SOAR has accepted these, and a redelivery would only cost a lookup.
            await DeleteAsync(done.ToList(), inFlight).ConfigureAwait(false);
            await extending.CancelAsync().ConfigureAwait(false);
            try
            {
                await extender.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return messages.Count;
    }

    private async Task ProcessLaneAsync(List<Message> lane, ConcurrentDictionary<string, Message> inFlight, ConcurrentQueue<Message> done, CancellationToken cancellationToken)
    {
        for (var i = 0; i < lane.Count; i++)
        {
            var message = lane[i];
            var item = reader.Read(message.Body);
            Counters.Count(item);
            switch (item)
            {
                case PushUnreadable unreadable:
                    inFlight.TryRemove(message.MessageId, out _);
                    logger.LogWarning("Push intake: message {MessageId} (received {Count} times) is unreadable and left on the queue for its redrive policy: {Reason}",
                        message.MessageId, message.Attributes?.GetValueOrDefault("ApproximateReceiveCount") ?? "?", unreadable.Reason);
                    await RedeliverLaterAsync(message).ConfigureAwait(false);
                    continue;
                case PushIgnored ignored:
                    logger.LogDebug("Push intake: message {MessageId}, event {EventId}: {Reason} ({Detail}); deleted",
                        message.MessageId, ignored.Event.Id, ignored.Reason, ignored.Detail);
                    done.Enqueue(message);
                    continue;
            }

            if (item is PushFinding pushed && int.TryParse(message.Attributes?.GetValueOrDefault("ApproximateReceiveCount"),
                    System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var receives))
                item = pushed with { ReceiveCount = receives };

            if (await HandleAsync(message, item, cancellationToken).ConfigureAwait(false) == PushOutcome.Done)
            {
                done.Enqueue(message);
                continue;
            }

            Counters.AddRetry();
            foreach (var left in lane.Skip(i))
            {
                inFlight.TryRemove(left.MessageId, out _);
            }

            if (i + 1 < lane.Count)
            {
                logger.LogInformation("Push intake: {Count} later message(s) of group {Group} left on the queue to keep the group's order",
                    lane.Count - i - 1, message.Attributes?.GetValueOrDefault("MessageGroupId"));
            }

            return;
        }
    }

    private async Task<PushOutcome> HandleAsync(Message message, PushItem item, CancellationToken cancellationToken)
    {
        try
        {
            return item switch
            {
                PushFinding finding => await handler.HandleFindingAsync(finding, cancellationToken).ConfigureAwait(false),
                PushMalware malware => await handler.HandleMalwareAsync(malware, cancellationToken).ConfigureAwait(false),
                _ => PushOutcome.Retry,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PushOutcome.Retry;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Push intake: message {MessageId} could not be handled; it stays on the queue and comes back", message.MessageId);
            return PushOutcome.Retry;
        }
    }

    private async Task ExtendVisibilityAsync(ConcurrentDictionary<string, Message> inFlight, CancellationToken cancellationToken)
    {
        // A third of the timeout: one failed extension still leaves time for the next.
        var interval = options.VisibilityTimeout / 3;
        var seconds = (int)options.VisibilityTimeout.TotalSeconds;
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in inFlight.Values.ToList().Chunk(10))
            {
                try
                {
                    var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                    {
                        QueueUrl = queueUrl,
                        Entries = chunk.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry($"v{i}", m.ReceiptHandle) { VisibilityTimeout = seconds }).ToList(),
                    }, cancellationToken).ConfigureAwait(false);
                    Counters.AddExtensions(response.Successful?.Count ?? 0);
                    foreach (var failed in response.Failed ?? [])
                    {
                        var message = chunk[int.Parse(failed.Id[1..], System.Globalization.CultureInfo.InvariantCulture)];
                        inFlight.TryRemove(message.MessageId, out _);
                        Counters.AddExtensionFailures(1);
                        logger.LogWarning("Push intake: the visibility of message {MessageId} could not be extended ({Code}: {Error}); another consumer may receive it",
                            message.MessageId, failed.Code, failed.Message);
                    }
                }
                catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
                {
                    Counters.AddExtensionFailures(chunk.Length);
                    logger.LogWarning("Push intake: extending the visibility of {Count} message(s) failed ({Error}); trying again", chunk.Length, Describe(e));
                }
            }
        }
    }

    private async Task DeleteAsync(List<Message> done, ConcurrentDictionary<string, Message> inFlight)
    {
        using var deadline = new CancellationTokenSource(DeleteDeadline);
        foreach (var chunk in done.Chunk(10))
        {
            try
            {
                var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = chunk.Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle)).ToList(),
                }, deadline.Token).ConfigureAwait(false);
                Counters.AddDeleted(response.Successful?.Count ?? 0);
                foreach (var failed in response.Failed ?? [])
                {
                    Counters.AddDeleteFailures(1);
                    var message = chunk[int.Parse(failed.Id[1..], System.Globalization.CultureInfo.InvariantCulture)];
                    logger.LogWarning("Push intake: message {MessageId} was handled but not deleted ({Code}: {Error}); when it comes back it is recognised",
                        message.MessageId, failed.Code, failed.Message);
                }
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
            {
                Counters.AddDeleteFailures(chunk.Length);
                logger.LogWarning("Push intake: deleting {Count} handled message(s) failed ({Error}); when they come back they are recognised", chunk.Length, Describe(e));
            }
            finally
            {
                foreach (var message in chunk)
                {
                    inFlight.TryRemove(message.MessageId, out _);
                }
            }
        }
    }

    private async Task RedeliverLaterAsync(Message message)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = queueUrl,
                ReceiptHandle = message.ReceiptHandle,
                VisibilityTimeout = (int)Math.Ceiling(unreadableRedeliveryDelay.TotalSeconds),
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            logger.LogDebug("Push intake: could not shorten the visibility of unreadable message {MessageId} ({Error}); it comes back after the visibility timeout",
                message.MessageId, Describe(e));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        AmazonServiceException service => $"{(int)service.StatusCode} {service.ErrorCode}: {service.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
