namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// What the push intake does with an event; the host wires it to the poller's escalation path (filters, create,
/// refresh trigger, close). Must be idempotent: the same event may come twice (redelivery, the backstop, a crash
/// between SOAR and the delete) and must never make a second incident. An exception counts as <see cref="PushOutcome.Retry"/>.
/// </summary>
public interface IPushHandler
{
    Task<PushOutcome> HandleFindingAsync(PushFinding finding, CancellationToken cancellationToken);

    Task<PushOutcome> HandleMalwareAsync(PushMalware malware, CancellationToken cancellationToken);
}
