using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// De-duplication by message-id (soar-protocol §9.2): an in-progress map whose entry always holds the latest
/// delivery (so the ACK uses the newest ack id and connection), and a bounded, time-limited cache of answered ids.
/// </summary>
public sealed class MessageDeduplicator(TimeSpan answeredTtl, int answeredCapacity, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StompMessage> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AnsweredMessage Answer, DateTimeOffset Expires)> _answered = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Expires)> _answeredOrder = new();

    public int InProgressCount
    {
        get
        {
            lock (_gate)
            {
                return _inProgress.Count;
            }
        }
    }

    public DeliveryDecision Register(string messageId, StompMessage delivery, out AnsweredMessage? answered)
    {
        lock (_gate)
        {
            Purge();
            if (_answered.TryGetValue(messageId, out var entry))
            {
                answered = entry.Answer;
                return DeliveryDecision.AlreadyAnswered;
            }

            answered = null;
            if (_inProgress.ContainsKey(messageId))
            {
                _inProgress[messageId] = delivery;
                return DeliveryDecision.AlreadyRunning;
            }

            _inProgress[messageId] = delivery;
            return DeliveryDecision.Run;
        }
    }

    /// <summary>Moves a message from running to answered; returns the latest delivery, whose ack id is the one to ACK.</summary>
    public StompMessage Complete(AnsweredMessage answer)
    {
        lock (_gate)
        {
            if (!_inProgress.Remove(answer.MessageId, out var latest))
            {
                throw new InvalidOperationException($"message {answer.MessageId} is not in progress");
            }

            var expires = timeProvider.GetUtcNow() + answeredTtl;
            _answered[answer.MessageId] = (answer, expires);
            _answeredOrder.Enqueue((answer.MessageId, expires));
            Purge();
            return latest;
        }
    }

    /// <summary>The call was abandoned (shutdown): forget it, so a redelivery runs it again.</summary>
    public void Abandon(string messageId)
    {
        lock (_gate)
        {
            _inProgress.Remove(messageId);
        }
    }

    private void Purge()
    {
        var now = timeProvider.GetUtcNow();
        while (_answeredOrder.TryPeek(out var oldest) && (oldest.Expires <= now || _answered.Count > answeredCapacity))
        {
            _answeredOrder.Dequeue();
            if (_answered.TryGetValue(oldest.Id, out var current) && current.Expires == oldest.Expires)
            {
                _answered.Remove(oldest.Id);
            }
        }
    }
}
