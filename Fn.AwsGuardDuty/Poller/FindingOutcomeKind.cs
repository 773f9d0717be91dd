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
}
