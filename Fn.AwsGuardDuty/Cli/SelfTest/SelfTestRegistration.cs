using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>The <c>selftest</c> rows, printed in this order; a row whose prerequisite failed shows itself skipped.</summary>
public static class SelfTestRegistration
{
    public static IServiceCollection AddSelfTestChecks(this IServiceCollection services, AppConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Rows share what the rows before them found.
        services.AddSingleton<SelfTestSession>();
        services.AddSingleton<ISelfTestCheck>(new ConfigSelfTestCheck(config));
        services.AddSingleton<ISelfTestCheck, SoarSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, StompSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, AwsCredentialsSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, AwsRegionsSelfTestCheck>();
        services.AddSingleton<ISelfTestCheck, GuardDutyDetectorsSelfTestCheck>();
        // Push mode only: without a queue there is nothing to check, and no row.
        if (config.Push is not null) services.AddSingleton<ISelfTestCheck, PushQueueSelfTestCheck>();
        if (config.MetricsListen is { } metrics) services.AddSingleton<ISelfTestCheck>(new MetricsPortSelfTestCheck(metrics));
        return services;
    }
}
