using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Metrics;

namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>Thread-safe counts of what the client sent, shared by every client one factory makes. For metrics and tests.</summary>
public sealed class GuardDutyCallCounters
{
    private readonly ConcurrentDictionary<string, long> _attemptsByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _callsByOperation = new(StringComparer.Ordinal);
    private long _httpAttempts;
    private long _calls;
    private long _retries;
    private long _failures;

    /// <summary>HTTP requests put on the wire (every attempt of every call).</summary>
    public long HttpAttempts => Interlocked.Read(ref _httpAttempts);

    /// <summary>Operation calls (one per page or batch, whatever the number of attempts).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Attempts that were retried after a transient fault.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Calls that ended in an error.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Finished calls by operation (GuardDuty's, EC2 DescribeRegions, STS GetCallerIdentity) and outcome (ok, error, unreachable).</summary>
    public CallTally Completed { get; } = new();

    public long AttemptsOf(string operation) => _attemptsByOperation.TryGetValue(operation, out var n) ? n : 0;

    public long CallsOf(string operation) => _callsByOperation.TryGetValue(operation, out var n) ? n : 0;

    internal void OnCall(string operation)
    {
        Interlocked.Increment(ref _calls);
        _callsByOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
    }

    internal void OnAttempt(string operation)
    {
        Interlocked.Increment(ref _httpAttempts);
        _attemptsByOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
    }

    internal void OnRetry() => Interlocked.Increment(ref _retries);

    internal void OnFailure() => Interlocked.Increment(ref _failures);
}
