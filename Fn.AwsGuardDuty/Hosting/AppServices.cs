using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Hosting.Health;
using Fn.AwsGuardDuty.Hosting.Memory;
using Fn.AwsGuardDuty.Hosting.Operator;
using Fn.AwsGuardDuty.Logging;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Push;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// The composition root: the production wiring of the app, in one place. <c>run</c> uses
/// <see cref="AddFnAwsGuardDuty"/>; <c>selftest</c> uses <see cref="AddFnAwsGuardDutyConfiguration"/> and adds its checks.
/// Tests build their world over the same calls.
/// </summary>
public static class AppServices
{
    /// <summary>
    /// Everything <c>run</c> hosts, over the <see cref="AppRuntime"/> made before the host (SOAR logged in, AWS credentials
    /// resolved): the configuration, the lifecycle log lines, the function listener and its handlers, the findings poller.
    /// </summary>
    public static IServiceCollection AddFnAwsGuardDuty(this IServiceCollection services, AppConfig config, AppRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        services.AddFnAwsGuardDutyConfiguration(config);
        services.AddHostedService<LifecycleLogger>();

        // SoarClient (logged in), SoarSession, GuardDutyClientFactory, RunOutcome
        services.AddAppRuntime(runtime);
        // The instruments every part records into, on the host's IMeterFactory  (Metrics/)
        services.AddAppMetrics();
        // StompClient, FunctionHandlerRegistry, FunctionListener + supervisor; no listener when the org's actions
        // framework is off
        services.AddFunctionListener(config.Resilient, runtime.Session);
        // One IFunctionHandler per SOAR function  (Functions/)
        services.AddGuardDutyFunctions();
        // The findings poller, only when polling is on; in push mode the backstop every aws_gd_reconcile_interval  (Poller/)
        services.AddFindingsPoller(config.GuardDuty, config.Push);
        // The SQS push intake, only when aws_gd_sqs_queue_url is set  (Push/)
        services.AddPushIntake(config.Push, config.GuardDuty);
        // Readiness and liveness of the parts above, reported to systemd when it asks  (Hosting/Health/)
        services.AddHealth(config, runtime);
        // /metrics, /healthz, /readyz, only when aws_gd_metrics_listen is set  (Hosting/Operator/)
        services.AddOperatorEndpoint(config.MetricsListen);
        // Spare GC memory back to the system once the app goes quiet after work  (Hosting/Memory/)
        services.AddHostedService(sp => new IdleMemoryTrimmer(IdleMemoryTrimPolicy.Default(),
            sp.GetRequiredService<ILogger<IdleMemoryTrimmer>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// What every verb shares: app.config's typed sections, the secret redactor, and the one clock and
    /// <see cref="FindingMapper"/> of the process.
    /// </summary>
    public static IServiceCollection AddFnAwsGuardDutyConfiguration(this IServiceCollection services, AppConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddSingleton(config);
        services.AddSingleton(config.Resilient);
        services.AddSingleton(config.GuardDuty);
        services.AddSingleton(config.Integrations);
        services.AddSingleton(new SecretRedactor(config.SecretValues));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FindingMapper(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
