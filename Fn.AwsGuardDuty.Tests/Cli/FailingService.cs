using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>A background service that fails shortly after start, as a broken part of the app would.</summary>
internal sealed class FailingService : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(50, stoppingToken);
        throw new InvalidOperationException("the listener broke");
    }
}
