using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// A hosted service added last to the app's host: when the host starts it, every service of the app has started, and
/// it hands the sandbox the host's service provider (to find the function listener and the poller).
/// </summary>
internal sealed class AppProbe(IServiceProvider services, TaskCompletionSource<IServiceProvider> started) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        started.TrySetResult(services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
