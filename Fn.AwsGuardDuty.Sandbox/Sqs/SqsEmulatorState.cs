using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// All queues of the emulator, per region and account, behind one lock; long polls wait on a signal that every change
/// pulses. Tests seed and inspect queues here directly (<see cref="Enqueue"/>, <see cref="Messages"/>).
/// </summary>
public sealed class SqsEmulatorState
{
    private readonly Lock gate = new();
    private readonly Dictionary<SqsQueueKey, SqsQueue> queues = [];
    private readonly List<SqsReceiveRecord> receives = [];
    private TaskCompletionSource changed = NewSignal();

    public SqsEmulatorState(SqsEmulatorOptions options)
    {
        Options = options;
        Clock = options.TimeProvider;
    }

    public SqsEmulatorOptions Options { get; }

    public TimeProvider Clock { get; }

    public FaultInjector Faults { get; } = new();

    public ApiCallCounter Calls { get; } = new();

    /// <summary>Messages moved to a dead-letter queue by a redrive policy, all queues.</summary>
    public long DeadLettered { get; private set; }

    public SqsQueueKey CreateQueue(SqsQueueKey key, IReadOnlyDictionary<string, string> attributes)
    {
        lock (gate)
        {
            if (queues.TryGetValue(key, out var existing))
            {
                if (!existing.Attributes.Matches(attributes))
                {
                    throw SqsErrors.QueueNameExists(key.Name);
                }

                return key;
            }

            var queue = new SqsQueue(key, Clock.GetUtcNow());
            queue.Attributes.Apply(attributes, creating: true);
            queues[key] = queue;
            return key;
        }
    }

    public bool DeleteQueue(SqsQueueKey key)
    {
        lock (gate)
        {
            var removed = queues.Remove(key);
            Pulse();
            return removed;
        }
    }

    public IReadOnlyList<SqsQueueKey> QueueKeys()
    {
        lock (gate)
        {
            return queues.Keys.ToList();
        }
    }

    public bool Exists(SqsQueueKey key)
    {
        lock (gate)
        {
            return queues.ContainsKey(key);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the queue under the lock; QueueDoesNotExist when there is none.</summary>
    public T With<T>(SqsQueueKey key, Func<SqsQueue, DateTimeOffset, T> action, bool changes = false)
    {
        lock (gate)
        {
            var queue = queues.GetValueOrDefault(key) ?? throw SqsErrors.QueueDoesNotExist();
            var result = action(queue, Clock.GetUtcNow());
            if (changes)
            {
                queue.LastModifiedAt = Clock.GetUtcNow();
                Pulse();
            }

            return result;
        }
    }

    /// <summary>Sends as a producer would (e.g. the EventBridge target), without a signed request.</summary>
    public SqsSendResult Enqueue(SqsQueueKey key, string body, string? messageGroupId = null, string? deduplicationId = null, string senderId = "AIDAEVENTBRIDGE")
    {
        lock (gate)
        {
            var queue = queues.GetValueOrDefault(key) ?? throw SqsErrors.QueueDoesNotExist();
            var result = queue.Send(new SqsSendRequest(body, null, null, null, messageGroupId, deduplicationId), senderId, Clock.GetUtcNow());
            Pulse();
            return result;
        }
    }

    public IReadOnlyList<SqsSendResult> Send(SqsQueueKey key, IReadOnlyList<SqsSendRequest> requests, string senderId)
    {
        lock (gate)
        {
            var queue = queues.GetValueOrDefault(key) ?? throw SqsErrors.QueueDoesNotExist();
            var now = Clock.GetUtcNow();
            var results = requests.Select(request => queue.Send(request, senderId, now)).ToList();
            Pulse();
            return results;
        }
    }

    /// <summary>
    /// ReceiveMessage: returns as soon as at least one message can be delivered, or empty after <paramref name="wait"/>
    /// (long polling). Messages past the redrive policy's maxReceiveCount go to the dead-letter queue on the way.
    /// Each delivery is kept in <see cref="Receives"/> with <paramref name="receiver"/> (the caller's access key id).
    /// </summary>
    public async Task<IReadOnlyList<SqsReceivedMessage>> ReceiveAsync(
        SqsQueueKey key, int max, TimeSpan? visibility, TimeSpan wait, CancellationToken cancellationToken, string? receiver = null)
    {
        var deadline = Clock.GetUtcNow() + wait;
        while (true)
        {
            Task signal;
            TimeSpan? nextChange;
            lock (gate)
            {
                var queue = queues.GetValueOrDefault(key) ?? throw SqsErrors.QueueDoesNotExist();
                var now = Clock.GetUtcNow();
                var deadLetters = new List<SqsMessage>();
                var deadLetterQueueExists = queue.Attributes.Redrive is { } policy && queues.ContainsKey(policy.DeadLetterQueue);
                var received = queue.Receive(
                    max, visibility ?? TimeSpan.FromSeconds(queue.Attributes.VisibilityTimeoutSeconds), now, deadLetterQueueExists, deadLetters, receiver);
                MoveToDeadLetterQueue(queue, deadLetters, now);
                foreach (var (message, _) in received)
                {
                    receives.Add(new SqsReceiveRecord(key, message.MessageId, message.MessageDeduplicationId, receiver, message.ReceiveCount, now));
                }

                if (received.Count > 0 || now >= deadline)
                {
                    return received;
                }

                signal = changed.Task;
                nextChange = queue.NextChange(now) is { } at ? at - now : null;
            }

            var remaining = deadline - Clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                continue;
            }

            var sleep = nextChange is { } next && next < remaining ? next : remaining;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(sleep + TimeSpan.FromMilliseconds(5), Clock, wake.Token);
            await Task.WhenAny(signal, delay).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Every delivery so far, all queues, in order: who received which message, and its receive count then.</summary>
    public IReadOnlyList<SqsReceiveRecord> Receives
    {
        get
        {
            lock (gate)
            {
                return receives.ToList();
            }
        }
    }

    /// <summary>
    /// The receivers (access key ids) holding a message of <paramref name="key"/> in flight now (of message group
    /// <paramref name="group"/> when given): the consumers at work.
    /// </summary>
    public IReadOnlyList<string> ReceiversInFlight(SqsQueueKey key, string? group = null) =>
        With(key, (queue, now) => queue.Messages
            .Where(m => m.IsInFlight(now) && m.ReceivedBy is not null && (group is null || m.MessageGroupId == group))
            .Select(m => m.ReceivedBy!).Distinct().ToList());

    /// <summary>Snapshot of a queue's messages (delivery state included), for tests and the sandbox's displays.</summary>
    public IReadOnlyList<SqsMessage> Messages(SqsQueueKey key) => With(key, (queue, _) => queue.Messages.ToList());

    private void MoveToDeadLetterQueue(SqsQueue source, List<SqsMessage> deadLetters, DateTimeOffset now)
    {
        if (deadLetters.Count == 0 || source.Attributes.Redrive is not { } policy || queues.GetValueOrDefault(policy.DeadLetterQueue) is not { } target)
        {
            return;
        }

        foreach (var message in deadLetters)
        {
            target.AcceptDeadLetter(message, source.Key.Arn, now);
            DeadLettered++;
        }

        Pulse();
    }

    private void Pulse()
    {
        var old = changed;
        changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
