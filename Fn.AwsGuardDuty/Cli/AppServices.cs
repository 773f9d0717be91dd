using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// The composition root: every service of the app is registered here, in one place, for both <c>run</c> (the
/// hosted services, over the <see cref="AppRuntime"/> made before the host) and <c>selftest</c> (its
/// <see cref="ISelfTestCheck"/> rows; no runtime).
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddFnAwsGuardDuty(this IServiceCollection services, AppConfig config, AppRuntime? runtime = null)
    {
        services.AddSingleton(config);
        services.AddSingleton(config.Resilient);
        services.AddSingleton(config.GuardDuty);
        services.AddSingleton(config.Integrations);
        services.AddSingleton(new SecretRedactor(config.SecretValues));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new FindingMapper(TimeProvider.System));

        services.AddHostedService<LifecycleLogger>();

        // selftest rows, printed in this order; a row whose prerequisite failed shows itself skipped.
        services.AddSingleton<SelfTestSession>();
        services.AddSingleton<ISelfTestCheck>(new ConfigSelfTestCheck(config));
        services.AddSingleton<ISelfTestCheck, SoarSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, StompSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, AwsCredentialsSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, AwsRegionsSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, GuardDutyDetectorsSelfTestCheck>();

        if (runtime is not null)
        {
            // run: SoarClient (logged in), SoarSession, GuardDutyClientFactory, RunOutcome  (Hosting/)
            services.AddAppRuntime(runtime);
            // StompClient, FunctionHandlerRegistry, FunctionListener + supervisor; no listener when the
            // org's actions framework is off  (Hosting/)
            services.AddFunctionListener(config.Resilient, runtime.Session);

            // One IFunctionHandler per SOAR function  (Functions/)
            services.AddGuardDutyFunctions();
            // The findings poller, only when polling is on  (Poller/)
            services.AddFindingsPoller(config.GuardDuty);
        }

        return services;
    }
}
