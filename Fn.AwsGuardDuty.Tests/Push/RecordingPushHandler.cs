using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Push;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>
/// Stands where SOAR's escalation path will be: keeps one "incident" per finding id (a second create for the same id is
/// recognised, as the poller's lookup does), records every call, and can be told to be slow or to ask for a retry.
/// </summary>
internal sealed class RecordingPushHandler : IPushHandler
{
    public ConcurrentDictionary<string, int> Incidents { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Per call (1-based call number, id): how long to take.</summary>
    public Func<int, string, TimeSpan> Delay { get; set; } = (_, _) => TimeSpan.Zero;

    /// <summary>Per call (1-based call number, id): the outcome.</summary>
    public Func<int, string, PushOutcome> Outcome { get; set; } = (_, _) => PushOutcome.Done;

    private int calls;

    public Task<PushOutcome> HandleFindingAsync(PushFinding finding, CancellationToken cancellationToken) =>
        HandleAsync(finding.Finding.Id, cancellationToken);

    public Task<PushOutcome> HandleMalwareAsync(PushMalware malware, CancellationToken cancellationToken) =>
        HandleAsync(malware.Incident.FindingId, cancellationToken);

    private async Task<PushOutcome> HandleAsync(string id, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls);
        Calls.Enqueue(id);
        await Task.Delay(Delay(call, id), cancellationToken);
        var outcome = Outcome(call, id);
        if (outcome == PushOutcome.Done)
        {
            Incidents.AddOrUpdate(id, 1, (_, existing) => existing);
        }

        return outcome;
    }
}
