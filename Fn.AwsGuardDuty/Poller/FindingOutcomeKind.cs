namespace Fn.AwsGuardDuty.Poller;

/// <summary>What happened to one finding in a batch.</summary>
internal enum FindingOutcomeKind
{
    Created,
    Refreshed,
    Reopened,
    Unchanged,
    LeftClosed,
    Failed,

    /// <summary>Push mode: sent into the push queue (the push intake escalates it).</summary>
    Queued,
}
