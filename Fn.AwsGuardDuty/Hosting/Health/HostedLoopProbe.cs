using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// An intake that runs as a <see cref="BackgroundService"/> (the findings poller, the push receiver). Ready once its loop
/// runs; dead when the loop ended while the host still runs (it faulted or returned), or, with a heartbeat, when the
/// heartbeat has not moved for <see cref="StallAfter"/>. Not listed when the service is not in this host (not enabled).
/// </summary>
public sealed class HostedLoopProbe<TService> : IHealthProbe where TService : BackgroundService
{
    private readonly Lazy<TService?> _service;
    private readonly HostStopping _stopping;
    private readonly TimeProvider _time;
    private readonly Func<TService, long>? _heartbeat;
    private readonly Lock _gate = new();
    private long _lastBeat = long.MinValue;
    private long _lastBeatAt;

    /// <param name="name">The part's name in the health report.</param>
    /// <param name="services">The host's services; the loop is looked up on first check (not at construction: the probe is
    /// itself needed by hosted services).</param>
    /// <param name="heartbeat">A count the loop raises as it makes progress (e.g. cycles run), or null for no stall check.</param>
    public HostedLoopProbe(string name, IServiceProvider services, HostStopping stopping, TimeProvider time,
        Func<TService, long>? heartbeat = null, TimeSpan? stallAfter = null)
    {
        Name = name;
        _stopping = stopping;
        _time = time;
        _heartbeat = heartbeat;
        StallAfter = stallAfter ?? Timeout.InfiniteTimeSpan;
        _service = new Lazy<TService?>(() => services.GetServices<IHostedService>().OfType<TService>().FirstOrDefault());
    }

    public string Name { get; }

    public TimeSpan StallAfter { get; }

    public ComponentHealth? Check()
    {
        if (_service.Value is not { } service) return null;
        var loop = service.ExecuteTask;
        if (loop is null) return ComponentHealth.NotReady(Name, "not started");
        if (loop.IsCompleted)
        {
            if (_stopping.IsStopping) return ComponentHealth.NotReady(Name, "stopped");
            return ComponentHealth.Dead(Name, loop.IsFaulted
                ? $"its loop failed: {loop.Exception?.GetBaseException().Message}"
                : "its loop ended while the app runs");
        }

        return Stalled(service) is { } stall ? ComponentHealth.Dead(Name, stall) : ComponentHealth.Healthy(Name);
    }

    private string? Stalled(TService service)
    {
        if (_heartbeat is null || StallAfter == Timeout.InfiniteTimeSpan) return null;
        var beat = _heartbeat(service);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (beat != _lastBeat)
            {
                _lastBeat = beat;
                _lastBeatAt = now;
                return null;
            }

            var quiet = _time.GetElapsedTime(_lastBeatAt, now);
            return quiet > StallAfter ? $"no progress for {quiet.TotalMinutes:0} min (stalled; limit {StallAfter.TotalMinutes:0} min)" : null;
        }
    }
}
