namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>A message held by a queue: the sender's headers and body, its broker id and its place in the queue.</summary>
internal sealed class BrokerMessage
{
    public required long Sequence { get; init; }

    public required string MessageId { get; init; }

    public required string Queue { get; init; }

    /// <summary>Headers the sender set that travel with the message (reply-to, correlation-id, Co3ContextToken, ...).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Epoch milliseconds when the broker accepted it (the MESSAGE <c>timestamp</c> header).</summary>
    public required long Timestamp { get; init; }

    public bool Persistent { get; init; }

    /// <summary>Set once a delivery went out and was not acknowledged before its consumer went away.</summary>
    public bool Redelivered { get; set; }
}
