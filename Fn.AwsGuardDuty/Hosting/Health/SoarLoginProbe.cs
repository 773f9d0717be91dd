using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// SOAR: the login <c>run</c> does before it builds the host (<see cref="AppRuntime"/> holds its <see cref="SoarSession"/>).
/// The host exists only after a successful login, so this part is always ready; it is listed so /readyz names every
/// condition it checked. (Later SOAR outages are retried per call and do not make the app unready.)
/// </summary>
public sealed class SoarLoginProbe(SoarSession session) : IHealthProbe
{
    public const string Name = "soar";

    public ComponentHealth? Check() => ComponentHealth.Healthy(Name) with { Reason = $"logged in to org {session.Org.Id}" };
}
