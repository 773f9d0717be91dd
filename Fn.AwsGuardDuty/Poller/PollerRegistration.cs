using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

public static class PollerRegistration
{
    /// <summary>
    /// Registers the findings poller as a hosted service, only when the poller is active (<c>aws_gd_polling_enabled</c>
    /// and a non-zero <c>aws_gd_polling_interval</c>). It takes <see cref="GuardDutyClientFactory"/>,
    /// <see cref="SoarClient"/>, <see cref="TimeProvider"/> and logging from the container, and a
    /// <see cref="FindingMapper"/> when one is registered. An <see cref="IRegionSource"/> in the container replaces
    /// region discovery. Invalid poller settings throw <see cref="ArgumentException"/> here, at start-up.
    /// </summary>
    /// <param name="push">Push mode: the poller runs every <see cref="PushOptions.ReconcileInterval"/> as a backstop and sends what
    /// it finds through the <see cref="PushBackstopSender"/> in the container instead of escalating.</param>
    public static IServiceCollection AddFindingsPoller(this IServiceCollection services, GuardDutyOptions options, PushOptions? push = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (push is null ? !options.PollerActive : !options.PollingEnabled) return services;

        var pollerOptions = PollerOptions.FromGuardDutyOptions(options);
        if (push is not null) pollerOptions = pollerOptions with { PollingInterval = push.ReconcileInterval, Enabled = true };
        pollerOptions.Validate();
        _ = CloseTemplate.Load(pollerOptions.CloseIncidentTemplatePath);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FindingMapper(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RegionDiscoverySource(
            sp.GetRequiredService<GuardDutyClientFactory>().CreateRegionDiscovery(sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<ICallerAccount>(sp => new StsCallerAccount(sp.GetRequiredService<GuardDutyClientFactory>()));
        services.TryAddSingleton(sp => new FindingsPoller(
            sp.GetService<IRegionSource>() ?? sp.GetRequiredService<RegionDiscoverySource>(),
            sp.GetRequiredService<ICallerAccount>(),
            sp.GetRequiredService<SoarClient>(),
            sp.GetRequiredService<FindingMapper>(),
            pollerOptions,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FindingsPoller>>(),
            push is null ? null : sp.GetRequiredService<PushBackstopSender>(),
            sp.GetService<AppMetrics>()));
        services.AddHostedService<FindingsPollerService>();
        return services;
    }
}
