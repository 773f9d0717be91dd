using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// A message whose function has finished, with its serialized final reply. The reply and the ACK go out together
/// (one STOMP transaction) through one delivery of the message at a time. When an attempt fails with an unknown
/// outcome, nothing is retried on a guess: if the broker did not commit, it redelivers the message, the redelivery
/// is <see cref="Offer"/>ed here, and the next attempt uses it. That is what makes the answer exactly-once.
/// </summary>
public sealed class AnsweredMessage(string messageId, FinalReply reply)
{
    private readonly Lock _gate = new();
    private FinalReply? _reply = reply;
    private StompMessage? _latest;
    private StompMessage? _tried;
    private bool _delivering;
    private bool _delivered;

    public string MessageId { get; } = messageId;

    /// <summary>
    /// The reply, while it is still to be delivered. Once delivered, the answer is remembered only so redeliveries are
    /// ACKed without running again; it then keeps neither the reply nor the deliveries (whose bodies can be megabytes),
    /// so the answered-message cache stays small however large the messages were.
    /// </summary>
    public FinalReply Reply
    {
        get
        {
            lock (_gate)
            {
                return _reply ?? throw new InvalidOperationException($"the answer to message {MessageId} was delivered; its reply is no longer kept");
            }
        }
    }

    public bool IsDelivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered;
            }
        }
    }

    /// <summary>Records a delivery of this message. False when the answer is already committed: just ACK that delivery.</summary>
    public bool Offer(StompMessage delivery)
    {
        lock (_gate)
        {
            if (_delivered)
            {
                return false;
            }

            _latest = delivery;
            return true;
        }
    }

    /// <summary>Claims the newest untried delivery for one attempt; false when an attempt runs or there is nothing new.</summary>
    public bool TryClaim(out StompMessage delivery)
    {
        lock (_gate)
        {
            if (_delivered || _delivering || _latest is null || ReferenceEquals(_latest, _tried))
            {
                delivery = null!;
                return false;
            }

            _delivering = true;
            _tried = _latest;
            delivery = _latest;
            return true;
        }
    }

    public void MarkDelivered()
    {
        lock (_gate)
        {
            _delivering = false;
            _delivered = true;
            _reply = null;
            _latest = null;
            _tried = null;
        }
    }

    /// <summary>The attempt failed; a newer delivery (if one was offered meanwhile) may be claimed next.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _delivering = false;
        }
    }
}
