using Fn.AwsGuardDuty.Metrics;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>Counts HTTP calls per client instance (the bench reports SOAR calls per incident). Thread-safe.</summary>
public sealed class SoarCallCounters
{
    private long _calls;
    private long _retries;
    private long _logins;

    /// <summary>Every HTTP request sent, logins and retries included.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Attempts that were repeats of a failed attempt.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Session logins (first one and re-logins).</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Every HTTP request by operation (<c>create_incident</c>, <c>add_note</c>...) and outcome (ok, error, unreachable).</summary>
    public CallTally ByOperation { get; } = new();

    internal void CountCall() => Interlocked.Increment(ref _calls);

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    internal void CountLogin() => Interlocked.Increment(ref _logins);
}
