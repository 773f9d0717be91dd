using Fn.AwsGuardDuty.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Hosting.Health;

/// <summary>
/// What the notify service tells systemd when a loop dies, in a real host with a real loop: the watchdog is no longer
/// fed, so systemd restarts the service. (The socket itself is played in <see cref="SystemdNotifyTests"/>; here the
/// notifier only records, because a dead loop cannot be brought about from outside the app's process.)
/// </summary>
public class SystemdNotifyServiceTests
{
    [Test]
    public async Task The_watchdog_is_fed_while_the_loop_lives_and_no_longer_once_it_died()
    {
        var notifier = new RecordingNotifier();
        var loop = new Loop();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHostedService(_ => loop);
        builder.Services.AddSingleton(sp => new HostStopping(sp.GetRequiredService<IHostApplicationLifetime>()));
        builder.Services.AddSingleton(sp => new HealthModel([new HostedLoopProbe<Loop>("intake", sp, sp.GetRequiredService<HostStopping>(), TimeProvider.System)]));
        builder.Services.AddHostedService(sp => new SystemdNotifyService(notifier, sp.GetRequiredService<HealthModel>(),
            new SystemdWatchdog(TimeSpan.FromMilliseconds(50)), sp.GetRequiredService<IHostApplicationLifetime>(), TimeProvider.System,
            NullLogger<SystemdNotifyService>.Instance));
        using var host = builder.Build();

        await host.StartAsync();
        await notifier.WaitForAsync(s => s.Count(m => m == "WATCHDOG=1") >= 3);
        notifier.States.TakeWhile(m => m != "WATCHDOG=1").Should().Equal("STATUS=ready", "READY=1");

        loop.End.TrySetResult();
        await notifier.WaitForAsync(s => s.Contains("STATUS=dead: intake: its loop ended while the app runs"));
        var fed = notifier.States.Count(m => m == "WATCHDOG=1");
        await Task.Delay(400);
        notifier.States.Count(m => m == "WATCHDOG=1").Should().Be(fed, "a dead loop must let systemd's watchdog fire");

        await host.StopAsync();
        notifier.States[^1].Should().Be("STOPPING=1");
    }

    private sealed class Loop : BackgroundService
    {
        public TaskCompletionSource End { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task ExecuteAsync(CancellationToken stoppingToken) => End.Task.WaitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _states = [];

        public bool IsEnabled => true;

        public IReadOnlyList<string> States
        {
            get
            {
                lock (_states) return [.. _states];
            }
        }

        public void Notify(ServiceState state)
        {
            lock (_states) _states.Add(state.ToString());
        }

        public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!condition(States))
            {
                if (DateTime.UtcNow > deadline) Assert.Fail($"not seen; got {string.Join(" | ", States)}");
                await Task.Delay(20);
            }
        }
    }
}
