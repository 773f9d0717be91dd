using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>The poller in a real host, registered by <see cref="PollerRegistration.AddFindingsPoller"/> and driven by its timer.</summary>
[TestFixture]
public sealed class HostedServiceTests
{
    [Test]
    public async Task The_timer_runs_a_cycle_at_start_up_and_then_every_interval_until_the_host_stops()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var first = h.Seed(detector, 20, seed: 101);
        using var host = BuildHost(h, new GuardDutyOptions
        {
            MasterRegion = "us-east-1",
            PollingInterval = TimeSpan.FromMilliseconds(250),
            StateDir = h.StateDir,
        });

        await host.StartAsync();
        await WaitUntil(() => h.Org.IncidentCount == 20);
        var second = h.Seed(detector, 10, seed: 102, start: new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await WaitUntil(() => h.Org.IncidentCount == 30);
        var service = host.Services.GetServices<IHostedService>().OfType<FindingsPollerService>().Single();
        await WaitUntil(() => service.CyclesRun >= 3);
        await host.StopAsync();

        EscalationTests.AssertExactlyOnce(h, [(detector, first.Concat(second).ToList())]);
        var ran = service.CyclesRun;
        // The positive signal: the service's loop has ended (and said so), so no cycle can start any more.
        service.ExecuteTask.Should().NotBeNull();
        service.ExecuteTask!.IsCompleted.Should().BeTrue("StopAsync returns after the polling loop ended");
        h.Logs.Lines.Should().Contain(l => l.Contains("GuardDuty findings poller stopped", StringComparison.Ordinal));
        service.CyclesRun.Should().Be(ran, "no cycle runs after the host stopped");
        h.Logs.Lines.Should().Contain(l => l.Contains("Poll cycle: 1 region(s), 1 detector(s)", StringComparison.Ordinal));
        File.Exists(host.Services.GetRequiredService<FindingsPoller>().Store.PathFor(PollerHarness.AccountA, "us-east-1", detector.DetectorId)).Should().BeTrue();
    }

    [Test]
    public async Task Polling_switched_off_registers_no_poller()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        using var off = BuildHost(h, new GuardDutyOptions { MasterRegion = "us-east-1", PollingEnabled = false, StateDir = h.StateDir });
        using var zero = BuildHost(h, new GuardDutyOptions { MasterRegion = "us-east-1", PollingInterval = TimeSpan.Zero, StateDir = h.StateDir });

        off.Services.GetServices<IHostedService>().OfType<FindingsPollerService>().Should().BeEmpty();
        zero.Services.GetServices<IHostedService>().OfType<FindingsPollerService>().Should().BeEmpty();
    }

    [Test]
    public void A_bad_close_template_stops_start_up_with_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("poller-template-").FullName;
        try
        {
            var path = Path.Combine(dir, "close.json");
            File.WriteAllText(path, "[1, 2");
            var services = new ServiceCollection();

            var act = () => services.AddFindingsPoller(new GuardDutyOptions { MasterRegion = "us-east-1", CloseIncidentTemplate = path, StateDir = dir });

            act.Should().Throw<ArgumentException>().WithMessage("aws_gd_close_incident_template*not valid JSON*");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IHost BuildHost(PollerHarness h, GuardDutyOptions options)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ILoggerFactory>(h.LoggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<SoarClient>(h.SoarClient);
        builder.Services.AddSingleton(h.Regions);
        builder.Services.AddSingleton(h.CallerAccount);
        builder.Services.AddFindingsPoller(options);
        return builder.Build();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(25);
        }
    }
}
