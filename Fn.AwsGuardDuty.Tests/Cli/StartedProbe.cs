using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>A hosted service that completes <see cref="Started"/> once the host has started.</summary>
internal sealed class StartedProbe(IHostApplicationLifetime lifetime, TaskCompletionSource started) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
