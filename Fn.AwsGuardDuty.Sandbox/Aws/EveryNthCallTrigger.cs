namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Fires on the Nth, 2Nth, 3Nth... matching call.</summary>
public sealed class EveryNthCallTrigger : FaultTrigger
{
    private readonly int n;
    private long calls;

    public EveryNthCallTrigger(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        this.n = n;
    }

    public override bool ShouldFire() => Interlocked.Increment(ref calls) % n == 0;
}
