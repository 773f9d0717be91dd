namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// An ACK/NACK for a message received on an earlier connection. Its ack id means nothing to the broker any more;
/// the broker redelivers the message on the current connection instead.
/// </summary>
public sealed class StompStaleMessageException(long messageGeneration, long currentGeneration)
    : StompConnectionException($"message came on connection #{messageGeneration}, which is gone (current #{currentGeneration}); the broker will redeliver it")
{
    public long MessageGeneration { get; } = messageGeneration;

    public long CurrentGeneration { get; } = currentGeneration;
}
