using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// The composition root: every service of the app is registered here, in one place, for both <c>run</c> (as
/// hosted services) and <c>selftest</c> (its <see cref="ISelfTestCheck"/> rows).
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddFnAwsGuardDuty(this IServiceCollection services, AppConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(config.Resilient);
        services.AddSingleton(config.GuardDuty);
        services.AddSingleton(config.Integrations);
        services.AddSingleton(new SecretRedactor(config.SecretValues));

        services.AddHostedService<LifecycleLogger>();
        services.AddSingleton<ISelfTestCheck>(new ConfigSelfTestCheck(config));

        // Extension point. Each part registers itself with one extension method from its own folder,
        // called here in this order, adding its hosted services and its selftest rows (ISelfTestCheck):
        //   services.AddSoarClient(config.Resilient);                 Soar/      REST session, org; "SOAR" row
        //   services.AddFunctionListener(config.Resilient);           Circuits/  STOMP listener, IFunctionHandler registry; "STOMP" row
        //   services.AddGuardDutyClient(config.GuardDuty);            GuardDuty/ credentials, regions; "AWS" row
        //   services.AddGuardDutyFunctions();                         Functions/ one IFunctionHandler per function
        //   services.AddFindingsPoller(config.GuardDuty);             Poller/    only when config.GuardDuty.PollerActive
        return services;
    }
}
