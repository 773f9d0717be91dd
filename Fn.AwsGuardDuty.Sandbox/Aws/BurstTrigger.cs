namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Lets <c>skip</c> matching calls through, then fires on the next <c>count</c> consecutive ones, then never again.</summary>
public sealed class BurstTrigger : FaultTrigger
{
    private readonly long skip;
    private readonly long count;
    private long calls;

    public BurstTrigger(int count, int skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        this.count = count;
        this.skip = skip;
    }

    public override bool ShouldFire()
    {
        var call = Interlocked.Increment(ref calls);
        return call > skip && call <= skip + count;
    }
}
