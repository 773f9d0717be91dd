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

/// <param name="IncidentOpen">Whether the finding's incident is open afterwards (null: unknown, leave the open set alone).</param>
internal sealed record FindingOutcome(PolledFinding Finding, FindingOutcomeKind Kind, bool? IncidentOpen, bool CreateAttempted = false,
    bool Invalid = false, string? Error = null);
