namespace Fn.AwsGuardDuty.Stomp;

/// <summary>A subscription the client keeps across reconnects. <see cref="Id"/> defaults to the destination, as resilient-circuits does.</summary>
public sealed record StompSubscription(string Destination, string AckMode = "client-individual")
{
    public string Id { get; init; } = Destination;

    /// <summary>Broker-specific SUBSCRIBE headers, e.g. <c>activemq.prefetchSize</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];

    public StompFrame ToFrame(string? receiptId)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(StompHeaders.Ack, AckMode),
        };
        headers.AddRange(ExtraHeaders);
        headers.Add(new(StompHeaders.Destination, Destination));
        headers.Add(new(StompHeaders.Id, Id));
        if (receiptId is not null)
        {
            headers.Add(new(StompHeaders.Receipt, receiptId));
        }

        return new StompFrame(StompCommands.Subscribe, headers);
    }
}
