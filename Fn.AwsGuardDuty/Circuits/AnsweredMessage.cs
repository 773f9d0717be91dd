namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// A message whose function has finished. Its final reply is sent exactly once by whoever claims it first: the
/// completing worker, a redelivery of the same message-id, or the flush after a reconnect.
/// </summary>
public sealed class AnsweredMessage(string messageId, FinalReply reply)
{
    private const int Pending = 0;
    private const int Sending = 1;
    private const int Sent = 2;
    private int _state = reply.ReplyTo is null ? Sent : Pending;

    public string MessageId { get; } = messageId;

    public FinalReply Reply { get; } = reply;

    public bool IsReplySent => Volatile.Read(ref _state) == Sent;

    public bool IsReplyPending => Volatile.Read(ref _state) == Pending;

    /// <summary>True for the one caller that may send the reply now.</summary>
    public bool TryClaimReply() => Interlocked.CompareExchange(ref _state, Sending, Pending) == Pending;

    public void MarkSent() => Volatile.Write(ref _state, Sent);

    /// <summary>The send failed; let the next redelivery or reconnect try again.</summary>
    public void ReleaseClaim() => Interlocked.CompareExchange(ref _state, Pending, Sending);
}
