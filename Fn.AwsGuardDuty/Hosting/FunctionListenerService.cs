using Fn.AwsGuardDuty.Circuits;
using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// Runs the <see cref="FunctionListener"/> in the host, as <c>FindingsPollerService</c> runs the poller: start subscribes
/// and begins connecting (a broker that is down is retried by the listener); host shutdown is the listener's graceful
/// stop (running calls finish within its grace and send their replies). The host's shutdown timeout covers that grace.
/// </summary>
public sealed class FunctionListenerService(FunctionListener listener) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => listener.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => listener.StopAsync(cancellationToken);
}
