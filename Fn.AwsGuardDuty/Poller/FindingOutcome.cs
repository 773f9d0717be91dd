using Fn.AwsGuardDuty.Findings;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>The result of handling one finding, applied to the checkpoint once the whole batch is done.</summary>
/// <param name="IncidentOpen">Whether the finding's incident is open afterwards (null: unknown, leave the open set alone).</param>
internal sealed record FindingOutcome(PolledFinding Finding, FindingOutcomeKind Kind, bool? IncidentOpen, bool CreateAttempted = false,
    bool Invalid = false, string? Error = null, SequenceToLink? Sequence = null);

/// <summary>An attack sequence whose incident was written in this batch, linked to its members once the batch is done.</summary>
internal sealed record SequenceToLink(long IncidentId, MappedFinding Mapped);
