using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// One queue: its attributes, its messages in send order, FIFO sequencing and deduplication, and receipt handles.
/// Not thread-safe: <see cref="SqsEmulatorState"/> calls it under its lock.
/// </summary>
public sealed class SqsQueue
{
    /// <summary>FIFO deduplication interval (SQS developer guide: 5 minutes).</summary>
    public static readonly TimeSpan DeduplicationInterval = TimeSpan.FromMinutes(5);

    /// <summary>A message may stay invisible at most this long after its first receive.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    private static readonly BigInteger SequenceBase = BigInteger.Parse("18000000000000000000", CultureInfo.InvariantCulture);

    private readonly List<SqsMessage> messages = [];
    private readonly Dictionary<string, (DateTimeOffset Until, SqsSendResult Result)> deduplication = new(StringComparer.Ordinal);

    /// <summary>Every handle this queue ever gave out, to tell a stale handle from one that never existed.</summary>
    private readonly Dictionary<string, SqsMessage> handles = new(StringComparer.Ordinal);

    private long sequence;

    public SqsQueue(SqsQueueKey key, DateTimeOffset createdAt)
    {
        Key = key;
        Attributes = new SqsQueueAttributes(key.IsFifo);
        CreatedAt = createdAt;
        LastModifiedAt = createdAt;
    }

    public SqsQueueKey Key { get; }

    public SqsQueueAttributes Attributes { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public DateTimeOffset? LastPurgedAt { get; set; }

    public IReadOnlyList<SqsMessage> Messages => messages;

    public int CountVisible(DateTimeOffset now) => messages.Count(m => m.IsDeliverable(now));

    public int CountInFlight(DateTimeOffset now) => messages.Count(m => m.DeliverableAt <= now && m.IsInFlight(now));

    public int CountDelayed(DateTimeOffset now) => messages.Count(m => m.DeliverableAt > now);

    /// <summary>The earliest future instant at which a hidden or delayed message becomes deliverable.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var message in messages)
        {
            var at = message.DeliverableAt > message.VisibleAt ? message.DeliverableAt : message.VisibleAt;
            if (at > now && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    public SqsSendResult Send(SqsSendRequest request, string senderId, DateTimeOffset now)
    {
        ExpireOld(now);
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(request.Body)));
        string? dedupKey = null;
        if (Key.IsFifo)
        {
            var dedupId = request.MessageDeduplicationId
                ?? (Attributes.ContentBasedDeduplicationEnabled ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body))) : null);
            dedupKey = Attributes.DeduplicatesPerGroup ? $"{request.MessageGroupId}\n{dedupId}" : dedupId;
            if (deduplication.TryGetValue(dedupKey!, out var seen) && seen.Until > now)
            {
                // Accepted, but not delivered a second time: the first message's id, the digests of this request.
                return seen.Result with
                {
                    Md5OfBody = md5,
                    Md5OfMessageAttributes = SqsMessageAttributes.Md5(request.MessageAttributes),
                    Md5OfSystemAttributes = SqsMessageAttributes.Md5(request.SystemAttributes),
                };
            }

            request = request with { MessageDeduplicationId = dedupId };
        }

        var delay = request.DelaySeconds ?? Attributes.DelaySecondsValue;
        var message = new SqsMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Body = request.Body,
            Md5OfBody = md5,
            MessageAttributes = request.MessageAttributes,
            SystemAttributes = request.SystemAttributes,
            SenderId = senderId,
            SentAt = now,
            MessageGroupId = request.MessageGroupId,
            MessageDeduplicationId = request.MessageDeduplicationId,
            SequenceNumber = Key.IsFifo ? NextSequenceNumber() : null,
            DeliverableAt = now + TimeSpan.FromSeconds(delay),
            VisibleAt = now,
        };
        messages.Add(message);
        var result = new SqsSendResult(message.MessageId, md5, SqsMessageAttributes.Md5(request.MessageAttributes),
            SqsMessageAttributes.Md5(request.SystemAttributes), message.SequenceNumber);
        if (dedupKey is not null)
        {
            deduplication[dedupKey] = (now + DeduplicationInterval, result);
        }

        return result;
    }

    /// <summary>Adds a message moved here by a source queue's redrive policy.</summary>
    public void AcceptDeadLetter(SqsMessage moved, string sourceArn, DateTimeOffset now)
    {
        moved.DeadLetterQueueSourceArn = sourceArn;
        moved.ReceiptHandle = null;
        moved.VisibleAt = now;
        moved.DeliverableAt = now;
        if (Key.IsFifo)
        {
            moved.SequenceNumber = NextSequenceNumber();
        }

        messages.Add(moved);
    }

    /// <summary>
    /// Picks up to <paramref name="max"/> deliverable messages. FIFO: in sequence order, and nothing from a message
    /// group that has a message in flight (or a delayed one ahead). Messages whose receive count already reached the
    /// redrive policy's maxReceiveCount are returned in <paramref name="deadLetters"/> instead, removed from this queue
    /// (only when the dead-letter queue exists: AWS keeps them otherwise). <paramref name="receiver"/> (the caller's
    /// access key id) is kept on each message as <see cref="SqsMessage.ReceivedBy"/>.
    /// </summary>
    public IReadOnlyList<SqsReceivedMessage> Receive(int max, TimeSpan visibility, DateTimeOffset now, bool deadLetterQueueExists, List<SqsMessage> deadLetters,
        string? receiver = null)
    {
        ExpireOld(now);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        if (Key.IsFifo)
        {
            foreach (var message in messages.Where(m => m.IsInFlight(now)))
            {
                blocked.Add(message.MessageGroupId!);
            }
        }

        var received = new List<SqsReceivedMessage>();
        var redrive = Attributes.Redrive;
        foreach (var message in messages.ToList())
        {
            if (received.Count >= max)
            {
                break;
            }

            if (Key.IsFifo && blocked.Contains(message.MessageGroupId!))
            {
                continue;
            }

            if (!message.IsDeliverable(now))
            {
                if (Key.IsFifo)
                {
                    blocked.Add(message.MessageGroupId!);
                }

                continue;
            }

            if (redrive is { } policy && deadLetterQueueExists && message.ReceiveCount >= policy.MaxReceiveCount)
            {
                messages.Remove(message);
                deadLetters.Add(message);
                continue;
            }

            var handle = NewHandle();
            message.ReceiveCount++;
            message.FirstReceivedAt ??= now;
            message.VisibleAt = now + visibility;
            message.ReceiptHandle = handle;
            message.ReceivedBy = receiver;
            handles[handle] = message;
            received.Add(new SqsReceivedMessage(message, handle));
        }

        return received;
    }

    /// <summary>
    /// Deletes the message of <paramref name="handle"/>. As the DeleteMessage reference says, a handle from an earlier
    /// receive is accepted but deletes nothing; a handle this queue never gave out is invalid.
    /// </summary>
    public bool Delete(string handle)
    {
        if (!handles.TryGetValue(handle, out var message))
        {
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        }

        if (message.ReceiptHandle != handle)
        {
            return false;
        }

        return messages.Remove(message);
    }

    public void ChangeVisibility(string handle, int seconds, DateTimeOffset now)
    {
        if (!handles.TryGetValue(handle, out var message))
        {
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        }

        if (message.ReceiptHandle != handle || !messages.Contains(message))
        {
            throw SqsErrors.ReceiptHandleExpired(handle);
        }

        if (!message.IsInFlight(now))
        {
            throw SqsErrors.MessageNotInflight();
        }

        if (now + TimeSpan.FromSeconds(seconds) - message.FirstReceivedAt!.Value > MaxVisibility)
        {
            throw SqsErrors.InvalidParameterValue(
                $"Value {seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
        }

        message.VisibleAt = now + TimeSpan.FromSeconds(seconds);
    }

    public int Purge()
    {
        var count = messages.Count;
        messages.Clear();
        return count;
    }

    private void ExpireOld(DateTimeOffset now)
    {
        var retention = Attributes.RetentionPeriod;
        messages.RemoveAll(m => m.SentAt + retention <= now);
        foreach (var key in deduplication.Where(pair => pair.Value.Until <= now).Select(pair => pair.Key).ToList())
        {
            deduplication.Remove(key);
        }
    }

    private string NextSequenceNumber() => (SequenceBase + ++sequence).ToString(CultureInfo.InvariantCulture);

    private static string NewHandle() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
