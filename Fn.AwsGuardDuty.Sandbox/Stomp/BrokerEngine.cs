using System.Globalization;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// The broker's queues, consumers and unacknowledged deliveries behind one lock. Frames to clients are queued to
/// their connections while the lock is held, so each client sees deliveries in the order the broker made them.
/// A group of acknowledgements and sends (one frame, or a committed transaction) is checked first and then applied
/// as a whole, so a transaction's ACK and SEND take effect together or not at all.
/// </summary>
internal sealed class BrokerEngine(SandboxStompBrokerOptions options, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BrokerQueue> _queues = new(StringComparer.Ordinal);
    private readonly string _idPrefix = string.Create(CultureInfo.InvariantCulture,
        $"ID:sandbox-{Environment.ProcessId}-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
    private long _sequence;
    private long _deliveries;

    public string SessionId(long connectionId) => string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{connectionId}:1");

    public BrokerMessage CreateMessage(long senderId, string queue, IEnumerable<KeyValuePair<string, string>> senderHeaders, ReadOnlyMemory<byte> body)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var headers = new List<KeyValuePair<string, string>>();
        var persistent = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in senderHeaders)
        {
            if (!seen.Add(name))
            {
                continue; // STOMP 1.2: the first of repeated headers counts.
            }

            if (name == StompHeaders.Persistent)
            {
                persistent = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            }
            else if (!BrokerFrames.IsBrokerOwned(name))
            {
                // ActiveMQ turns reply-to into a JMS destination and back: a bare name comes out as /queue/name.
                headers.Add(name == StompHeaders.ReplyTo && !value.StartsWith('/') ? new(name, QueueName.ToWire(value)) : new(name, value));
            }
        }

        return new BrokerMessage
        {
            Sequence = sequence,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{senderId}:1:1:1:{sequence}"),
            Queue = queue,
            Headers = headers,
            Body = body.ToArray(),
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Persistent = persistent,
        };
    }

    public void Subscribe(BrokerConnection connection, string id, string queueName, BrokerAckMode ackMode, int prefetch)
    {
        lock (_gate)
        {
            if (connection.Released)
            {
                return;
            }

            if (connection.Subscriptions.ContainsKey(id))
            {
                throw new BrokerProtocolException(
                    $"There already is a subscription for: {id}. Either use unique subscription IDs or do not create multiple subscriptions for the same destination");
            }

            var queue = Queue(queueName);
            var subscription = new BrokerSubscription(connection, id, queue, ackMode, prefetch);
            connection.Subscriptions.Add(id, subscription);
            queue.Consumers.Add(subscription);
            Pump(queue);
        }
    }

    public void Unsubscribe(BrokerConnection connection, string id)
    {
        lock (_gate)
        {
            if (!connection.Subscriptions.Remove(id, out var subscription))
            {
                throw new BrokerProtocolException("No subscription matched.");
            }

            Detach(subscription);
            Pump(subscription.Queue);
        }
    }

    /// <summary>Applies ACK/NACKs and publishes messages as one unit; throws (changing nothing) when an ack id is unknown.</summary>
    public void Apply(BrokerConnection connection, IReadOnlyList<(string AckId, bool Nack)> acknowledgements, IReadOnlyList<BrokerMessage> messages)
    {
        lock (_gate)
        {
            var resolved = new List<(BrokerDelivery Delivery, bool Nack)>(acknowledgements.Count);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (ackId, nack) in acknowledgements)
            {
                var delivery = connection.Subscriptions.Values.Select(s => s.ByAckId.GetValueOrDefault(ackId)).FirstOrDefault(d => d is not null);
                if (delivery is null || !claimed.Add(ackId))
                {
                    throw new BrokerProtocolException($"Unexpected ACK received for message-id [{ackId}]");
                }

                resolved.Add((delivery, nack));
            }

            var touched = new HashSet<BrokerQueue>();
            foreach (var (delivery, nack) in resolved)
            {
                var subscription = delivery.Subscription;
                if (!subscription.ByAckId.ContainsKey(delivery.AckId))
                {
                    continue; // already covered by an earlier cumulative ACK in the same unit
                }

                var covered = subscription.AckMode == BrokerAckMode.Client
                    ? subscription.Unacked.Values.Where(d => d.Order <= delivery.Order).ToList()
                    : [delivery];
                foreach (var done in covered)
                {
                    subscription.Forget(done);
                    subscription.Queue.InFlight--;
                    subscription.Queue.Dequeued++;
                    if (nack)
                    {
                        DeadLetter(done.Message);
                    }
                }

                touched.Add(subscription.Queue);
            }

            foreach (var message in messages)
            {
                var queue = Queue(message.Queue);
                queue.Add(message);
                queue.Enqueued++;
                touched.Add(queue);
            }

            foreach (var queue in touched)
            {
                Pump(queue);
            }
        }
    }

    /// <summary>The connection is gone: its unacknowledged deliveries go back to their queues, marked redelivered.</summary>
    public void Release(BrokerConnection connection)
    {
        lock (_gate)
        {
            if (connection.Released)
            {
                return;
            }

            connection.Released = true;
            var touched = new HashSet<BrokerQueue>();
            foreach (var subscription in connection.Subscriptions.Values)
            {
                Detach(subscription);
                touched.Add(subscription.Queue);
            }

            connection.Subscriptions.Clear();
            foreach (var queue in touched)
            {
                Pump(queue);
            }
        }
    }

    public IReadOnlyList<SandboxQueueStats> Stats()
    {
        lock (_gate)
        {
            return _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal)
                .Select(q => new SandboxQueueStats(q.Name, q.Pending.Count, q.InFlight, q.Consumers.Count, q.Enqueued, q.Dequeued, q.Redelivered))
                .ToList();
        }
    }

    public IReadOnlyList<(string Id, string Queue)> SubscriptionsOf(BrokerConnection connection)
    {
        lock (_gate)
        {
            return connection.Subscriptions.Values.Select(s => (s.Id, s.Queue.Name)).ToList();
        }
    }

    /// <summary>Removes every waiting message of a queue; returns how many.</summary>
    public int Purge(string queueName)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queueName, out var queue))
            {
                return 0;
            }

            var count = queue.Pending.Count;
            queue.Pending.Clear();
            return count;
        }
    }

    private void Detach(BrokerSubscription subscription)
    {
        var queue = subscription.Queue;
        queue.Consumers.Remove(subscription);
        foreach (var delivery in subscription.Unacked.Values)
        {
            delivery.Message.Redelivered = true;
            queue.InFlight--;
            queue.Redelivered++;
            queue.Add(delivery.Message);
        }

        if (subscription.Unacked.Count > 0)
        {
            logger.LogDebug("Queue {Queue}: {Count} unacknowledged message(s) of subscription {Id} go back for redelivery",
                queue.Name, subscription.Unacked.Count, subscription.Id);
        }

        subscription.Unacked.Clear();
        subscription.ByAckId.Clear();
    }

    private void DeadLetter(BrokerMessage message)
    {
        var dlq = Queue(options.DeadLetterQueue);
        dlq.Add(new BrokerMessage
        {
            Sequence = Interlocked.Increment(ref _sequence),
            MessageId = message.MessageId,
            Queue = dlq.Name,
            Headers = message.Headers,
            Body = message.Body,
            Timestamp = message.Timestamp,
            Persistent = message.Persistent,
        });
        dlq.Enqueued++;
        logger.LogInformation("Message {MessageId} NACKed on {Queue}: moved to {DeadLetterQueue}", message.MessageId, message.Queue, dlq.Name);
    }

    private void Pump(BrokerQueue queue)
    {
        while (queue.Pending.Count > 0 && queue.NextConsumer() is { } subscription)
        {
            var message = queue.Pending.Dequeue();
            if (subscription.AckMode == BrokerAckMode.Auto)
            {
                queue.Dequeued++;
                subscription.Connection.Send(BrokerFrames.Message(message, subscription, null));
                continue;
            }

            var delivery = Interlocked.Increment(ref _deliveries);
            var ackId = string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{subscription.Connection.Id}:{delivery}");
            subscription.Track(new BrokerDelivery(message, subscription, ackId, delivery));
            queue.InFlight++;
            subscription.Connection.Send(BrokerFrames.Message(message, subscription, ackId));
        }
    }

    private BrokerQueue Queue(string name)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            _queues[name] = queue = new BrokerQueue(name);
        }

        return queue;
    }
}
