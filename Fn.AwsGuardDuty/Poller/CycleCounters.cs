using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>Thread-safe tallies of one cycle; every region adds to the same instance.</summary>
public sealed class CycleCounters
{
    private long _regions;
    private long _detectors;
    private long _seen;
    private long _created;
    private long _refreshed;
    private long _reopened;
    private long _unchanged;
    private long _closed;
    private long _skipped;
    private long _errors;
    private long _guardDutyCalls;
    private long _checkpointSaveFailures;
    private readonly ConcurrentDictionary<string, long> _byAccount = new(StringComparer.Ordinal);

    public long Regions => Interlocked.Read(ref _regions);
    public long Detectors => Interlocked.Read(ref _detectors);
    public long Seen => Interlocked.Read(ref _seen);
    public long Created => Interlocked.Read(ref _created);
    public long Refreshed => Interlocked.Read(ref _refreshed);
    public long Reopened => Interlocked.Read(ref _reopened);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Closed => Interlocked.Read(ref _closed);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Errors => Interlocked.Read(ref _errors);
    public long GuardDutyCalls => Interlocked.Read(ref _guardDutyCalls);
    public long CheckpointSaveFailures => Interlocked.Read(ref _checkpointSaveFailures);

    /// <summary>Findings seen per AccountId (an administrator detector lists its members' findings).</summary>
    public IReadOnlyDictionary<string, long> FindingsByAccount =>
        _byAccount.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public void AddRegion() => Interlocked.Increment(ref _regions);
    public void AddDetector() => Interlocked.Increment(ref _detectors);
    public void AddSeen(long n = 1) => Interlocked.Add(ref _seen, n);
    public void AddCreated() => Interlocked.Increment(ref _created);
    public void AddRefreshed() => Interlocked.Increment(ref _refreshed);
    public void AddReopened() => Interlocked.Increment(ref _reopened);
    public void AddUnchanged() => Interlocked.Increment(ref _unchanged);
    public void AddClosed() => Interlocked.Increment(ref _closed);
    public void AddSkipped() => Interlocked.Increment(ref _skipped);
    public void AddError() => Interlocked.Increment(ref _errors);
    public void AddGuardDutyCalls(long n = 1) => Interlocked.Add(ref _guardDutyCalls, n);
    public void AddCheckpointSaveFailure() => Interlocked.Increment(ref _checkpointSaveFailures);
    public void AddAccount(string? accountId) => _byAccount.AddOrUpdate(string.IsNullOrEmpty(accountId) ? "unknown" : accountId, 1, (_, n) => n + 1);
}
