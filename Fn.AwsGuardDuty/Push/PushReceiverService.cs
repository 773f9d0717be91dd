using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Push;

/// <summary>Runs the push intake's <see cref="PushReceiver"/> in the host until it stops.</summary>
public sealed class PushReceiverService(PushReceiver receiver) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await receiver.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
