namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>A consumer of one queue on one connection, with the deliveries it has not acknowledged yet.</summary>
internal sealed class BrokerSubscription(BrokerConnection connection, string id, BrokerQueue queue, BrokerAckMode ackMode, int prefetch)
{
    public BrokerConnection Connection { get; } = connection;

    public string Id { get; } = id;

    public BrokerQueue Queue { get; } = queue;

    public BrokerAckMode AckMode { get; } = ackMode;

    public int Prefetch { get; } = prefetch;

    /// <summary>Unacknowledged deliveries by ack id, in delivery order (needed for the cumulative "client" mode).</summary>
    public SortedList<long, BrokerDelivery> Unacked { get; } = [];

    public Dictionary<string, BrokerDelivery> ByAckId { get; } = new(StringComparer.Ordinal);

    /// <summary>Auto mode never waits for ACKs; the client modes stop at the prefetch window, as ActiveMQ does.</summary>
    public bool HasCapacity => AckMode == BrokerAckMode.Auto || Unacked.Count < Prefetch;

    public void Track(BrokerDelivery delivery)
    {
        Unacked.Add(delivery.Order, delivery);
        ByAckId.Add(delivery.AckId, delivery);
    }

    public void Forget(BrokerDelivery delivery)
    {
        Unacked.Remove(delivery.Order);
        ByAckId.Remove(delivery.AckId);
    }
}
