namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Decides, call by call, whether a fault rule fires. Implementations are thread-safe.</summary>
public abstract class FaultTrigger
{
    /// <summary>Called once for every call the rule applies to; true means inject the fault into this call.</summary>
    public abstract bool ShouldFire();
}
