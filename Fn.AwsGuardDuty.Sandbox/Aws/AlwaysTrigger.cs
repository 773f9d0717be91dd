namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Fires on every matching call (e.g. a region where the service is denied).</summary>
public sealed class AlwaysTrigger : FaultTrigger
{
    public override bool ShouldFire() => true;
}
