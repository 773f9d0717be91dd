using Amazon.SQS;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Push;

public static class PushRegistration
{
    /// <summary>
    /// The push intake (extensions.md §B), when <paramref name="push"/> is set: the SQS client (the GuardDuty settings'
    /// credentials, proxy, FIPS and retries, signed for the queue's region), the <see cref="PushReceiver"/> over a
    /// <see cref="PushEscalationHandler"/> run by <see cref="PushReceiverService"/>, and the <see cref="PushBackstopSender"/>
    /// the findings poller sends through instead of escalating. Takes <see cref="GuardDutyClientFactory"/>,
    /// <see cref="SoarClient"/>, <see cref="FindingMapper"/>, <see cref="TimeProvider"/> and logging from the container.
    /// </summary>
    public static IServiceCollection AddPushIntake(this IServiceCollection services, PushOptions? push, GuardDutyOptions guardDuty)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(guardDuty);
        if (push is null) return services;

        var pollerOptions = PollerOptions.FromGuardDutyOptions(guardDuty);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FindingMapper(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(push);
        services.AddSingleton<IAmazonSQS>(sp =>
        {
            var factory = sp.GetRequiredService<GuardDutyClientFactory>();
            return PushSqsClientFactory.Create(push, factory.Options, factory.Credentials);
        });
        services.TryAddSingleton<ICallerAccount>(sp => new StsCallerAccount(sp.GetRequiredService<GuardDutyClientFactory>()));
        services.AddSingleton(sp => new PushDetectorResolver(sp.GetRequiredService<GuardDutyClientFactory>().GetClient, sp.GetRequiredService<ICallerAccount>()));
        services.AddSingleton<IPushHandler>(sp => new PushEscalationHandler(
            sp.GetRequiredService<SoarClient>(), sp.GetRequiredService<FindingMapper>(), pollerOptions, guardDuty.Regions,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PushEscalationHandler>>(), sp.GetRequiredService<PushDetectorResolver>()));
        services.AddSingleton(sp => new PushReceiver(
            sp.GetRequiredService<IAmazonSQS>(), push, sp.GetRequiredService<IPushHandler>(), sp.GetRequiredService<ILogger<PushReceiver>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PushBackstopSender(
            sp.GetRequiredService<IAmazonSQS>(), push.Queue, sp.GetRequiredService<ILogger<PushBackstopSender>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new PushFeedMark(guardDuty.StateDir));
        services.AddHostedService<PushReceiverService>();
        return services;
    }
}
