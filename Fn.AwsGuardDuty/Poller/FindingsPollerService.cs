using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Runs <see cref="FindingsPoller"/> in the host: the first cycle at start-up, then one every polling interval (start to
/// start; a cycle that overruns is followed at once by the next, never overlapped). Host shutdown is a graceful stop
/// (the batches in progress finish and the checkpoints are saved); if the host's shutdown timeout runs out first, calls
/// in flight are cancelled. Nothing a cycle throws ends the loop.
/// </summary>
public sealed class FindingsPollerService(FindingsPoller poller, TimeProvider timeProvider, ILogger<FindingsPollerService> logger)
    : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Cycles run so far (finished or failed).</summary>
    public int CyclesRun => Volatile.Read(ref _cycles);

    private int _cycles;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!poller.Options.Enabled)
        {
            logger.LogInformation("Polling for findings in AWS GuardDuty not enabled");
            return;
        }

        await Task.Yield();
        logger.LogInformation("GuardDuty findings poller started: every {Interval}, checkpoints in {StateDir}",
            poller.Options.PollingInterval, poller.Store.Directory);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                await poller.RunCycleAsync(stoppingToken, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Poll cycle failed; the next one runs as scheduled");
            }
            finally
            {
                Interlocked.Increment(ref _cycles);
            }

            var wait = poller.Options.PollingInterval - timeProvider.GetElapsedTime(started);
            if (wait <= TimeSpan.Zero) continue;
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        logger.LogInformation("GuardDuty findings poller stopped");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: past it, stop waiting for the batches in progress.
        await using var registration = cancellationToken.Register(() => _abort.Cancel());
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }
}
