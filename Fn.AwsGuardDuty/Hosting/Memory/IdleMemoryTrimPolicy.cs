namespace Fn.AwsGuardDuty.Hosting.Memory;

/// <summary>
/// When to give memory back: the process has gone quiet (at most <see cref="QuietBytes"/> allocated over the last
/// <see cref="CheckInterval"/>) after real work (at least <see cref="WorkBytes"/> allocated since the last trim). A burst
/// of calls or an escalation leaves the GC's committed heap at its peak; trimming once it is over returns it without
/// ever pausing work in progress. Fed the process's cumulative allocated bytes, one reading per interval.
/// </summary>
public sealed class IdleMemoryTrimPolicy
{
    private long _previous;
    private long _sinceTrim;

    public IdleMemoryTrimPolicy(TimeSpan checkInterval, long quietBytes, long workBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(checkInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(quietBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(workBytes, quietBytes);
        CheckInterval = checkInterval;
        QuietBytes = quietBytes;
        WorkBytes = workBytes;
    }

    /// <summary>
    /// Defaults measured on the app (issue 12, docs/benchmarks.md): subscribed and polling with nothing to do it allocates
    /// nothing between cycles, one archive call ~84 KB, start-up and a first empty poll cycle ~5.6 MB.
    /// </summary>
    public static IdleMemoryTrimPolicy Default() => new(TimeSpan.FromSeconds(1), quietBytes: 64 * 1024, workBytes: 4 * 1024 * 1024);

    public TimeSpan CheckInterval { get; }

    public long QuietBytes { get; }

    public long WorkBytes { get; }

    /// <summary>The work (bytes allocated) since the last trim, as of the last reading.</summary>
    public long WorkSinceTrim => _sinceTrim;

    /// <summary>Takes one reading of the cumulative allocated bytes; true when the heap should be trimmed now.</summary>
    public bool Observe(long allocatedTotal)
    {
        var step = Math.Max(allocatedTotal - _previous, 0);
        _previous = allocatedTotal;
        _sinceTrim += step;
        return step <= QuietBytes && _sinceTrim >= WorkBytes;
    }

    /// <summary>Starts counting work afresh (the trim has run).</summary>
    public void Trimmed() => _sinceTrim = 0;
}
