using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Tests.Reliability.Support;
using Newtonsoft.Json.Linq;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 3: SOAR goes down (every REST route answers 503) in the middle of a poll cycle of the built app, which
/// logs in by email and password. The app keeps running, its calls back off, and once SOAR is back the escalation
/// completes with no finding skipped and none doubled. The design's figure is a 2-minute outage (the Long case);
/// the everyday case uses 25 s, which already outlasts several retries of a call in flight (1 s, 2 s, 4 s, 8 s ...)
/// and covers a whole cycle failing, so it keeps the point.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(3)]
public sealed class SoarOutageTests
{
    private const int PerRegion = 300;

    [TestCase(25, TestName = "SOAR down for 25 s (CI length) during a cycle: the cycle backs off and completes later, no finding skipped")]
    [TestCase(120, Category = "Long", TestName = "SOAR down for 2 minutes during a cycle: the cycle backs off and completes later, no finding skipped")]
    public async Task Soar_down_during_a_cycle(int outageSeconds)
    {
        await using var world = await AppWorld.StartAsync($"soar-outage-{outageSeconds}s");
        var seeded = new List<(DetectorKey, List<JObject>)>();
        foreach (var (region, i) in AppWorld.Regions.Select((r, i) => (r, i)))
        {
            seeded.Add((world.Detector(region), world.Seed(world.Detector(region), PerRegion, seed: 400 + i)));
        }

        var total = PerRegion * AppWorld.Regions.Count;
        // A slower SOAR makes the first cycle last long enough for the outage to fall inside it.
        using var slow = world.Soar.Faults.Add(SoarFault.Delay("row_data", TimeSpan.FromMilliseconds(5)));
        world.WriteConfig(passwordLogin: true);
        var app = world.StartApp();
        await Eventually.HoldsAsync(() => world.IncidentCount >= total / 5 || app.HasExited, TimeSpan.FromSeconds(60),
            () => $"{world.IncidentCount} incidents before the outage");
        app.ShouldBeRunning();

        var down = world.Soar.Faults.Add(new SoarFault { Status = 503, Message = "Service Unavailable: SOAR is down for maintenance" });
        // A create that passed the emulator's fault check just before the outage may still commit: count from the moment
        // the app is seen to be hitting the outage, when whatever was in flight has been answered.
        await Eventually.HoldsAsync(() => down.Fired >= 10 || app.HasExited, TimeSpan.FromSeconds(30), () => $"{down.Fired} calls refused so far");
        var atOutage = world.IncidentCount;
        atOutage.Should().BeLessThan(total, "the outage starts during the cycle");
        var callsAtOutage = world.Soar.Calls.Total;
        await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
        app.ShouldBeRunning();
        var createdDuringOutage = world.IncidentCount - atOutage;
        var callsDuringOutage = world.Soar.Calls.Total - callsAtOutage;
        down.Dispose();

        await Eventually.HoldsAsync(() => world.IncidentCount >= total || app.HasExited, TimeSpan.FromSeconds(120),
            () => $"{world.IncidentCount} of {total} incidents after the outage");
        app.ShouldBeRunning();
        // Later cycles (two whole ones, seen by their summary lines) must not add anything.
        var quiet = await app.WaitForCyclesAsync(2, TimeSpan.FromSeconds(60));
        quiet[^1].Should().Contain(" 0 created,");
        (await app.StopAsync(TimeSpan.FromSeconds(60))).Should().Be(0);

        createdDuringOutage.Should().Be(0, "nothing can be created while SOAR answers 503");
        world.AssertExactlyOnePerFinding(seeded);
        var log = world.ReadLogLines();
        log.Should().Contain(l => l.Contains("failed (HTTP 503)", StringComparison.Ordinal) && l.Contains("retrying in", StringComparison.Ordinal),
            "calls hit by the outage back off and retry");
        // Backing off, not hammering: a few hundred calls over the outage, not thousands.
        callsDuringOutage.Should().BeLessThan(outageSeconds * 40L, "the retries back off");
        TestContext.Out.WriteLine($"outage {outageSeconds} s at {atOutage} of {total} incidents; {callsDuringOutage} SOAR calls during it; " +
                                  $"{log.Count(l => l.Contains("retrying in", StringComparison.Ordinal))} retry lines");
    }
}
