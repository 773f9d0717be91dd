using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Says clearly, at start, that no function listener runs because the org's actions framework is off.</summary>
internal sealed class ListenerDisabledNotice(SoarSession session, ILogger<ListenerDisabledNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "The actions framework is disabled for SOAR org {Org}: no STOMP connection and no function listener (functions will not be answered); the findings poller still runs. Enable it in SOAR to serve functions",
            session.Org);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
