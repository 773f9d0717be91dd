namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>Reports one part's health on demand (cheap: read state, no I/O). Null when the part is not enabled in this run.</summary>
public interface IHealthProbe
{
    ComponentHealth? Check();
}
