namespace Fn.AwsGuardDuty.Stomp;

/// <summary>Header names used by STOMP 1.2 and by ActiveMQ/SOAR on top of it.</summary>
public static class StompHeaders
{
    public const string AcceptVersion = "accept-version";
    public const string Version = "version";
    public const string Host = "host";
    public const string Login = "login";
    public const string Passcode = "passcode";
    public const string HeartBeat = "heart-beat";
    public const string Session = "session";
    public const string Server = "server";
    public const string Destination = "destination";
    public const string ContentLength = "content-length";
    public const string ContentType = "content-type";
    public const string Receipt = "receipt";
    public const string ReceiptId = "receipt-id";
    public const string Id = "id";
    public const string Ack = "ack";
    public const string Subscription = "subscription";
    public const string MessageId = "message-id";
    public const string Message = "message";
    public const string ReplyTo = "reply-to";
    public const string CorrelationId = "correlation-id";
    public const string Persistent = "persistent";
    public const string Transaction = "transaction";
    public const string PrefetchSize = "activemq.prefetchSize";
}
