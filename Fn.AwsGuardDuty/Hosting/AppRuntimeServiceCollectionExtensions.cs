using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Registrations of the <c>run</c> host: the parts made before it (<see cref="AppRuntime"/>) and the function listener.</summary>
public static class AppRuntimeServiceCollectionExtensions
{
    /// <summary>How much longer than the listener's grace the host waits for all hosted services to stop.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    /// <summary>The logged-in <see cref="SoarClient"/> and its <see cref="SoarSession"/>, the <see cref="GuardDutyClientFactory"/> and the <see cref="RunOutcome"/>, as singletons owned by <paramref name="runtime"/>.</summary>
    public static IServiceCollection AddAppRuntime(this IServiceCollection services, AppRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        services.AddSingleton(runtime);
        services.AddSingleton(runtime.Soar);
        services.AddSingleton(runtime.Session);
        services.AddSingleton(runtime.GuardDuty);
        services.AddSingleton(runtime.Outcome);
        return services;
    }

    /// <summary>
    /// The <see cref="FunctionHandlerRegistry"/> over every registered <see cref="IFunctionHandler"/>, and, when the
    /// org's actions framework is on, the <see cref="StompClient"/> and the <see cref="FunctionListener"/>, run by its
    /// <see cref="FunctionListenerService"/> (with its supervisor), the host's shutdown timeout covering the listener's grace.
    /// </summary>
    public static IServiceCollection AddFunctionListener(this IServiceCollection services, ResilientOptions resilient, SoarSession session)
    {
        ArgumentNullException.ThrowIfNull(resilient);
        ArgumentNullException.ThrowIfNull(session);
        services.AddSingleton(sp => new FunctionHandlerRegistry(sp.GetServices<IFunctionHandler>()));
        if (!session.ActionsFrameworkEnabled)
        {
            services.AddHostedService(sp => new ListenerDisabledNotice(session, sp.GetRequiredService<ILogger<ListenerDisabledNotice>>()));
            return services;
        }

        var options = FunctionListenerOptionsMapping.From(resilient, checked((int)session.OrgId));
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new StompClient(StompClientOptionsMapping.From(resilient), sp.GetRequiredService<ILogger<StompClient>>()));
        services.AddSingleton(sp => new FunctionListener(
            sp.GetRequiredService<StompClient>(), sp.GetRequiredService<FunctionHandlerRegistry>(), options,
            sp.GetRequiredService<ILogger<FunctionListener>>(), sp.GetService<TimeProvider>(), sp.GetService<AppMetrics>()));
        services.AddHostedService(sp => new FunctionListenerService(sp.GetRequiredService<FunctionListener>()));
        services.AddHostedService<ListenerSupervisor>();
        services.Configure<HostOptions>(host =>
        {
            var needed = options.ShutdownGrace + ShutdownMargin;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return services;
    }
}
