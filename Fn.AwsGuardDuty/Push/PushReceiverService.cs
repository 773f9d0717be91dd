using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// Runs the push intake's <see cref="PushReceiver"/> in the host until it stops, and keeps the <see cref="PushFeedMark"/>
/// (when the last message arrived) up to date for <c>selftest</c>'s feed check, at most once every <see cref="MarkInterval"/>.
/// </summary>
public sealed class PushReceiverService(PushReceiver receiver, PushFeedMark mark, TimeProvider time, ILogger<PushReceiverService> logger)
    : BackgroundService
{
    public static readonly TimeSpan MarkInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var marking = KeepMarkAsync(stoppingToken);
        await receiver.RunAsync(stoppingToken).ConfigureAwait(false);
        await marking.ConfigureAwait(false);
    }

    private async Task KeepMarkAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? written = null;
        while (true)
        {
            var stopping = false;
            try
            {
                await Task.Delay(MarkInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                stopping = true;
            }

            if (receiver.Counters.LastMessageAt is { } last && last != written)
            {
                try
                {
                    await mark.WriteAsync(last, CancellationToken.None).ConfigureAwait(false);
                    written = last;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("Push intake: {Path} could not be written ({Error}); selftest cannot tell when a message last arrived", mark.Path, e.Message);
                }
            }

            if (stopping) return;
        }
    }
}
