using System.Globalization;
using System.Text;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>The frames the broker sends, shaped as ActiveMQ 5.x shapes them for STOMP 1.2.</summary>
internal static class BrokerFrames
{
    /// <summary>Headers the broker owns in a MESSAGE; a sender's values for them are not passed through.</summary>
    private static readonly HashSet<string> BrokerOwned = new(StringComparer.Ordinal)
    {
        StompHeaders.Destination, StompHeaders.MessageId, StompHeaders.Subscription, StompHeaders.Ack, StompHeaders.ContentLength,
        StompHeaders.Receipt, StompHeaders.Transaction, "redelivered", "timestamp", "expires", "priority", StompHeaders.Persistent,
    };

    public static bool IsBrokerOwned(string header) => BrokerOwned.Contains(header);

    public static StompFrame Connected(string session, StompHeartBeat heartBeat, string server) => new(StompCommands.Connected,
    [
        new(StompHeaders.Version, "1.2"),
        new(StompHeaders.Session, session),
        new(StompHeaders.HeartBeat, heartBeat.ToString()),
        new(StompHeaders.Server, server),
    ]);

    public static StompFrame Receipt(string receiptId) => new(StompCommands.Receipt, [new(StompHeaders.ReceiptId, receiptId)]);

    public static StompFrame Error(string message, string? receiptId, string? details = null)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(StompHeaders.ContentType, "text/plain"),
            new(StompHeaders.Message, message),
        };
        if (receiptId is not null)
        {
            headers.Add(new(StompHeaders.ReceiptId, receiptId));
        }

        return new StompFrame(StompCommands.Error, headers, Encoding.UTF8.GetBytes(details ?? message));
    }

    public static StompFrame Message(BrokerMessage message, BrokerSubscription subscription, string? ackId)
    {
        var headers = new List<KeyValuePair<string, string>>(message.Headers.Count + 9)
        {
            new(StompHeaders.Subscription, subscription.Id),
            new(StompHeaders.Destination, QueueName.ToWire(message.Queue)),
            new(StompHeaders.MessageId, message.MessageId),
        };
        if (ackId is not null)
        {
            headers.Add(new(StompHeaders.Ack, ackId));
        }

        if (message.Redelivered)
        {
            headers.Add(new("redelivered", "true"));
        }

        if (message.Persistent)
        {
            headers.Add(new(StompHeaders.Persistent, "true"));
        }

        headers.Add(new("priority", "4"));
        headers.Add(new("timestamp", message.Timestamp.ToString(CultureInfo.InvariantCulture)));
        headers.Add(new("expires", "0"));
        headers.AddRange(message.Headers);
        return new StompFrame(StompCommands.Message, headers, message.Body);
    }
}
