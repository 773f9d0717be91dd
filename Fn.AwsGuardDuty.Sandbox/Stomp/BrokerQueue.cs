namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// A queue: messages waiting in order (a message returned by a dropped consumer goes back to its original place),
/// and its consumers, served round-robin within their prefetch windows. Only touched under the broker's lock.
/// </summary>
internal sealed class BrokerQueue(string name)
{
    private int _next;

    public string Name { get; } = name;

    public PriorityQueue<BrokerMessage, long> Pending { get; } = new();

    public List<BrokerSubscription> Consumers { get; } = [];

    public int InFlight { get; set; }

    public long Enqueued { get; set; }

    public long Dequeued { get; set; }

    public long Redelivered { get; set; }

    public void Add(BrokerMessage message) => Pending.Enqueue(message, message.Sequence);

    /// <summary>The next consumer with room, in round-robin order, or null when all are full.</summary>
    public BrokerSubscription? NextConsumer()
    {
        for (var i = 0; i < Consumers.Count; i++)
        {
            var candidate = Consumers[(_next + i) % Consumers.Count];
            if (candidate.HasCapacity)
            {
                _next = (_next + i + 1) % Consumers.Count;
                return candidate;
            }
        }

        return null;
    }
}
