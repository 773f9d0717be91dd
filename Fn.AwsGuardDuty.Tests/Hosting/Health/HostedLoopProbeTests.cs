using Fn.AwsGuardDuty.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Tests.Hosting.Health;

/// <summary>The probe of an intake's loop, over a real host running a real <see cref="BackgroundService"/>.</summary>
public class HostedLoopProbeTests
{
    [Test]
    public async Task A_running_loop_is_ready_and_a_loop_that_ends_while_the_host_runs_is_dead()
    {
        using var host = Build(out var loop);
        var probe = Probe(host);
        probe.Check().Should().Be(ComponentHealth.NotReady("intake", "not started"));

        await host.StartAsync();
        probe.Check().Should().Be(ComponentHealth.Healthy("intake"));

        loop.End.TrySetResult();
        await loop.ExecuteTask!;
        probe.Check().Should().Be(ComponentHealth.Dead("intake", "its loop ended while the app runs"));

        await host.StopAsync();
        probe.Check().Should().Be(ComponentHealth.NotReady("intake", "stopped"), "a loop that ends at shutdown ended on purpose");
    }

    [Test]
    public async Task A_loop_whose_heartbeat_stops_moving_for_longer_than_its_limit_is_dead_and_alive_again_when_it_moves()
    {
        using var host = Build(out var loop);
        var time = new SteppingTime();
        var probe = Probe(host, time, TimeSpan.FromMinutes(30));
        await host.StartAsync();

        probe.Check()!.Alive.Should().BeTrue();
        time.Advance(TimeSpan.FromMinutes(29));
        probe.Check()!.Alive.Should().BeTrue();
        time.Advance(TimeSpan.FromMinutes(2));
        probe.Check().Should().Be(ComponentHealth.Dead("intake", "no progress for 31 min (stalled; limit 30 min)"));

        Interlocked.Increment(ref loop.Beats);
        probe.Check().Should().Be(ComponentHealth.Healthy("intake"));
        await host.StopAsync();
    }

    [Test]
    public void A_loop_not_in_the_host_is_not_listed()
    {
        using var host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Build();
        Probe(host).Check().Should().BeNull();
    }

    private static IHost Build(out Loop loop)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var made = new Loop();
        builder.Services.AddHostedService(_ => made);
        loop = made;
        return builder.Build();
    }

    private static HostedLoopProbe<Loop> Probe(IHost host, TimeProvider? time = null, TimeSpan? stallAfter = null) =>
        new("intake", host.Services, new HostStopping(host.Services.GetRequiredService<IHostApplicationLifetime>()), time ?? TimeProvider.System,
            l => Interlocked.Read(ref l.Beats), stallAfter);

    private sealed class Loop : BackgroundService
    {
        public long Beats;

        public TaskCompletionSource End { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task ExecuteAsync(CancellationToken stoppingToken) => End.Task.WaitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
