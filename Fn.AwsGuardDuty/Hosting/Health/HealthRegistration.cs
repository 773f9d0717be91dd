using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting.Health;

public static class HealthRegistration
{
    /// <summary>
    /// How long the poller may go without finishing a cycle, beyond twice its interval, before it counts as stalled
    /// (a first cycle over a large backlog can take many minutes; a stuck one should not go on for hours).
    /// </summary>
    public static readonly TimeSpan PollerStallAllowance = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The <see cref="HealthModel"/> over one probe per part of this run (SOAR login; the STOMP subscription when the
    /// listener runs; the poller and the push receiver when enabled, with the poller's cycles as its heartbeat), and the
    /// <see cref="SystemdNotifyService"/> that reports it to systemd when NOTIFY_SOCKET is set.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, AppConfig config, AppRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runtime);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HostStopping(sp.GetRequiredService<IHostApplicationLifetime>()));
        services.AddSingleton<IHealthProbe>(sp => new SoarLoginProbe(sp.GetRequiredService<SoarSession>()));
        if (runtime.ListenerEnabled)
        {
            services.AddSingleton<IHealthProbe>(sp => new StompSubscriptionProbe(
                sp.GetRequiredService<StompClient>(), sp.GetRequiredService<FunctionListener>(), sp.GetRequiredService<HostStopping>()));
        }

        var pollInterval = config.Push?.ReconcileInterval ?? config.GuardDuty.PollingInterval;
        services.AddSingleton<IHealthProbe>(sp => new HostedLoopProbe<FindingsPollerService>("poller", sp, sp.GetRequiredService<HostStopping>(),
            sp.GetRequiredService<TimeProvider>(), poller => poller.CyclesRun, pollInterval * 2 + PollerStallAllowance));
        services.AddSingleton<IHealthProbe>(sp => new HostedLoopProbe<PushReceiverService>("push", sp, sp.GetRequiredService<HostStopping>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HealthModel(sp.GetServices<IHealthProbe>()));

        services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton(_ => SystemdWatchdog.FromProcess());
        services.AddHostedService(sp => new SystemdNotifyService(
            sp.GetRequiredService<ISystemdNotifier>(), sp.GetRequiredService<HealthModel>(), sp.GetRequiredService<SystemdWatchdog>(),
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SystemdNotifyService>>()));
        return services;
    }
}
