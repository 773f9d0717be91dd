namespace Fn.AwsGuardDuty.Poller;

/// <summary>The findings one cycle may still work on (<c>aws_gd_max_findings_per_cycle</c>), shared by every region.</summary>
public sealed class CycleBudget
{
    private long _remaining;

    /// <param name="limit">0 means unlimited.</param>
    public CycleBudget(int limit)
    {
        Unlimited = limit <= 0;
        _remaining = limit;
    }

    public bool Unlimited { get; }

    public bool Exhausted => !Unlimited && Interlocked.Read(ref _remaining) <= 0;

    /// <summary>Takes one unit; false when the cycle has used its cap.</summary>
    public bool TryTake()
    {
        if (Unlimited) return true;
        while (true)
        {
            var current = Interlocked.Read(ref _remaining);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref _remaining, current - 1, current) == current) return true;
        }
    }
}
