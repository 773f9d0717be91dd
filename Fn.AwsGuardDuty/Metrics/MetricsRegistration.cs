using System.Diagnostics.Metrics;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fn.AwsGuardDuty.Metrics;

public static class MetricsRegistration
{
    /// <summary>
    /// <see cref="IMeterFactory"/> (<c>AddMetrics</c>) and the one <see cref="AppMetrics"/> of the host, observing the call
    /// tallies of the <see cref="SoarClient"/> and <see cref="GuardDutyClientFactory"/> in the container (as resolved at
    /// the first use, so a test's replacement is the one observed).
    /// </summary>
    public static IServiceCollection AddAppMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(sp => new AppMetrics(sp.GetRequiredService<IMeterFactory>(),
            sp.GetService<SoarClient>()?.Counters.ByOperation, sp.GetService<GuardDutyClientFactory>()?.Counters.Completed));
        return services;
    }
}
