using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Metrics;

/// <summary>
/// Thread-safe counts of outbound calls per operation and outcome. The clients made before the host (SOAR, AWS) keep
/// one each; <see cref="AppMetrics"/> reports them as observable counters, so a call costs one dictionary update.
/// </summary>
public sealed class CallTally
{
    private readonly ConcurrentDictionary<(string Operation, string Outcome), long> _counts = new();

    public void Add(string operation, string outcome) => _counts.AddOrUpdate((operation, outcome), 1, static (_, n) => n + 1);

    public long Count(string operation, string outcome) => _counts.TryGetValue((operation, outcome), out var n) ? n : 0;

    /// <summary>Calls of <paramref name="operation"/>, whatever their outcome.</summary>
    public long Count(string operation) => _counts.Where(kv => kv.Key.Operation == operation).Sum(kv => kv.Value);

    public IEnumerable<(string Operation, string Outcome, long Count)> Snapshot() =>
        _counts.Select(kv => (kv.Key.Operation, kv.Key.Outcome, kv.Value));
}
