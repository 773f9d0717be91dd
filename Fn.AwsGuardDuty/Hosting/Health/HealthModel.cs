namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>Asks every registered <see cref="IHealthProbe"/> and gathers their answers: what /healthz, /readyz and the systemd notifier read.</summary>
public sealed class HealthModel(IEnumerable<IHealthProbe> probes)
{
    private readonly IHealthProbe[] _probes = [.. probes];

    public HealthReport Report() => new([.. _probes.Select(p => p.Check()).OfType<ComponentHealth>()]);
}
