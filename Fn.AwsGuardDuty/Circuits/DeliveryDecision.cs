namespace Fn.AwsGuardDuty.Circuits;

/// <summary>What to do with an arriving message, given its message-id's history.</summary>
public enum DeliveryDecision
{
    /// <summary>First sight: run it.</summary>
    Run,

    /// <summary>Redelivered while still running: the running call adopts the new ack id.</summary>
    AlreadyRunning,

    /// <summary>Already answered within the cache window: ACK again (and send the reply if it never went out).</summary>
    AlreadyAnswered,
}
