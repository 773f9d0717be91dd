namespace Fn.AwsGuardDuty.Stomp;

/// <summary>The frame commands of STOMP 1.2, client and server side.</summary>
public static class StompCommands
{
    public const string Connect = "CONNECT";
    public const string Stomp = "STOMP";
    public const string Connected = "CONNECTED";
    public const string Send = "SEND";
    public const string Subscribe = "SUBSCRIBE";
    public const string Unsubscribe = "UNSUBSCRIBE";
    public const string Ack = "ACK";
    public const string Nack = "NACK";
    public const string Begin = "BEGIN";
    public const string Commit = "COMMIT";
    public const string Abort = "ABORT";
    public const string Disconnect = "DISCONNECT";
    public const string Message = "MESSAGE";
    public const string Receipt = "RECEIPT";
    public const string Error = "ERROR";

    private static readonly HashSet<string> Known =
    [
        Connect, Stomp, Connected, Send, Subscribe, Unsubscribe, Ack, Nack, Begin, Commit, Abort,
        Disconnect, Message, Receipt, Error,
    ];

    public static bool IsKnown(string command) => Known.Contains(command);

    /// <summary>STOMP 1.2: headers of CONNECT and CONNECTED frames are never escaped.</summary>
    public static bool UsesHeaderEscaping(string command) =>
        command is not (Connect or Connected or Stomp);
}
