using System.Diagnostics;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// Watches the <see cref="FunctionListener"/>: logs the time from start to subscribed, and when the broker refuses
/// the function queue (<see cref="ListenerAuthorizationException"/>, which no retry can fix) records one clear line in
/// the <see cref="RunOutcome"/> and stops the host, so <c>run</c> exits 1.
/// </summary>
internal sealed class ListenerSupervisor : BackgroundService
{
    private readonly FunctionListener _listener;
    private readonly AppRuntime _runtime;
    private readonly ResilientOptions _resilient;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ListenerSupervisor> _logger;

    public ListenerSupervisor(FunctionListener listener, AppRuntime runtime, ResilientOptions resilient, IHostApplicationLifetime lifetime,
        ILogger<ListenerSupervisor> logger)
    {
        _listener = listener;
        _runtime = runtime;
        _resilient = resilient;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _listener.Subscribed.WaitAsync(stoppingToken).ConfigureAwait(false);
            _logger.LogInformation("Subscribed to {Destination} {Elapsed} ms after start (process up {ProcessUp} ms)",
                _listener.Destination, (long)Stopwatch.GetElapsedTime(_runtime.StartTimestamp).TotalMilliseconds, ProcessUpMilliseconds());
            await _listener.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ListenerAuthorizationException e)
        {
            var failure = StompFailures.Describe(e, _resilient, e.Destination);
            _runtime.Outcome.Fail(failure.OneLine);
            _logger.LogCritical("Stopping: {Failure}", failure.OneLine);
            _lifetime.StopApplication();
        }
    }

    private static long ProcessUpMilliseconds()
    {
        using var process = Process.GetCurrentProcess();
        return (long)(DateTime.Now - process.StartTime).TotalMilliseconds;
    }
}
