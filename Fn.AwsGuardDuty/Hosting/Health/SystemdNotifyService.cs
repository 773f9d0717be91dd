using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// Tells systemd (Type=notify) what <see cref="HealthModel"/> says, through the package's <see cref="ISystemdNotifier"/>
/// (a no-op without NOTIFY_SOCKET). Not the package's SystemdLifetime, which sends READY=1 as soon as the host has
/// started: here READY=1 goes out once the report is ready (SOAR logged in, STOMP subscription confirmed, every enabled
/// intake running). Then WATCHDOG=1 every <see cref="SystemdWatchdog.FeedInterval"/> while every loop is alive, and
/// none once one died, so systemd's watchdog restarts the service. STATUS= follows what is not ready; STOPPING=1 when the
/// host begins to stop.
/// </summary>
public sealed class SystemdNotifyService(
    ISystemdNotifier notifier, HealthModel health, SystemdWatchdog watchdog, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<SystemdNotifyService> logger) : BackgroundService
{
    /// <summary>How often readiness is looked at before READY=1.</summary>
    public static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often STATUS= is refreshed when no watchdog sets the pace.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled) return;
        using var stopping = lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
        try
        {
            await Task.Yield();
            var status = await WaitUntilReadyAsync(stoppingToken).ConfigureAwait(false);
            notifier.Notify(ServiceState.Ready);
            logger.LogInformation("systemd: READY=1 sent{Watchdog}", watchdog.FeedInterval is { } feed ? $"; watchdog fed every {feed.TotalSeconds:0.###} s" : "");
            await KeepAliveAsync(status, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<string> WaitUntilReadyAsync(CancellationToken stoppingToken)
    {
        string? status = null;
        while (true)
        {
            var report = health.Report();
            status = Announce(report, status);
            if (report.IsReady) return status;
            await Task.Delay(ReadyPollInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task KeepAliveAsync(string status, CancellationToken stoppingToken)
    {
        var interval = watchdog.FeedInterval ?? StatusInterval;
        var fed = true;
        while (true)
        {
            var report = health.Report();
            status = Announce(report, status);
            if (watchdog.FeedInterval is not null)
            {
                if (report.IsAlive)
                {
                    notifier.Notify(new ServiceState("WATCHDOG=1"));
                }
                else if (fed)
                {
                    logger.LogCritical("systemd: watchdog no longer fed, so systemd restarts the service: {Dead}", string.Join("; ", report.Dead));
                }

                fed = report.IsAlive;
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private string Announce(HealthReport report, string? previous)
    {
        var status = report.IsReady ? "ready" : "waiting for " + string.Join("; ", report.NotReady);
        if (!report.IsAlive) status = "dead: " + string.Join("; ", report.Dead);
        if (status != previous)
        {
            // One line, no newlines: the notify protocol is newline-separated assignments.
            notifier.Notify(new ServiceState("STATUS=" + status.ReplaceLineEndings(" ")));
        }

        return status;
    }
}
