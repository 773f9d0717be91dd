namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// A MESSAGE frame plus the generation of the connection it arrived on. ACK/NACK go out on that same
/// connection only; <see cref="StompClient.AckAsync"/> refuses a message from an older generation.
/// </summary>
public sealed class StompMessage(StompFrame frame, long generation)
{
    public StompFrame Frame { get; } = frame;

    /// <summary>Counts connections of one client from 1; each reconnect gets a new number.</summary>
    public long Generation { get; } = generation;

    public string? MessageId => Frame.GetHeader(StompHeaders.MessageId);

    /// <summary>The value to send as the ACK/NACK frame's <c>id</c> (STOMP 1.2), not the message-id.</summary>
    public string? AckId => Frame.GetHeader(StompHeaders.Ack);

    public string? Destination => Frame.GetHeader(StompHeaders.Destination);

    public string? Subscription => Frame.GetHeader(StompHeaders.Subscription);

    public string? GetHeader(string name) => Frame.GetHeader(name);

    public ReadOnlyMemory<byte> Body => Frame.Body;
}
