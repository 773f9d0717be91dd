namespace Fn.AwsGuardDuty.Poller;

/// <summary>What one cycle did; logged as one line and returned by <see cref="FindingsPoller.RunCycleAsync(CancellationToken)"/>.</summary>
/// <param name="Seen">Findings read from GuardDuty (retries included).</param>
/// <param name="Unchanged">Known findings whose incident was already up to date, or handled already at that updatedAt.</param>
/// <param name="Skipped">Filtered out (type, severity) or left alone (closed incident, configured to leave).</param>
/// <param name="GuardDutyCalls">GuardDuty operation calls (ListFindings pages, GetFindings batches).</param>
/// <param name="SoarCalls">SOAR HTTP requests, retries included.</param>
/// <param name="CapReached">aws_gd_max_findings_per_cycle stopped the cycle; the rest carries over.</param>
/// <param name="Stopped">A stop was requested; the cycle ended after the batches in progress.</param>
public sealed record PollCycleSummary(
    int Regions,
    int Detectors,
    long Seen,
    long Created,
    long Refreshed,
    long Reopened,
    long Unchanged,
    long Closed,
    long Skipped,
    long Errors,
    long GuardDutyCalls,
    long SoarCalls,
    TimeSpan Duration,
    bool CapReached,
    bool Stopped)
{
    /// <summary>Findings seen per AccountId (listed and retried), in account order.</summary>
    public IReadOnlyDictionary<string, long> FindingsByAccount { get; init; } = new Dictionary<string, long>();

    /// <summary>Checkpoint saves that failed this cycle (each one also counts in <see cref="Errors"/>).</summary>
    public long CheckpointSaveFailures { get; init; }
}
