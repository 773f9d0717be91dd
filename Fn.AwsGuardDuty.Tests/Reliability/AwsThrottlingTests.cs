using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Tests.Reliability.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 4: half of all AWS calls (GuardDuty and EC2, every operation) are throttled with 429
/// TooManyRequestsException for a window while new findings keep arriving, so the built app's poller works under
/// throttling the whole time. Every finding is escalated exactly once. The design's window is a minute (the Long
/// case); the everyday case throttles for 30 s, which spans dozens of 1 s cycles, region discoveries and retries that
/// give up (five 50% throttles in a row), so it keeps the point.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(4)]
public sealed class AwsThrottlingTests
{
    private const int Initial = 250;
    private const int PerWave = 15;

    [TestCase(30, TestName = "AWS throttling at 50% for 30 s (CI length): the poller completes with every finding escalated once")]
    [TestCase(60, Category = "Long", TestName = "AWS throttling at 50% for a minute: the poller completes with every finding escalated once")]
    public async Task Aws_throttling_at_half_of_all_calls(int windowSeconds)
    {
        await using var world = await AppWorld.StartAsync($"aws-throttling-{windowSeconds}s");
        var detectors = AppWorld.Regions.Select(world.Detector).ToList();
        var seeded = detectors.Select((d, i) => (d, world.Seed(d, Initial, seed: 500 + i))).ToList();
        // Region discovery (EC2 DescribeRegions, ListDetectors) every 3 s, so it runs, and is throttled, many times too.
        world.WriteConfig(guardDutyExtra: new Dictionary<string, string> { ["aws_gd_regions_interval"] = "3s" });
        var throttle = world.Gd.Faults.ThrottleRandomly(0.5, seed: 4242);
        var app = world.StartApp();

        var wave = 0;
        var window = System.Diagnostics.Stopwatch.StartNew();
        while (window.Elapsed < TimeSpan.FromSeconds(windowSeconds))
        {
            await Task.Delay(1000);
            app.ShouldBeRunning();
            wave++;
            for (var i = 0; i < detectors.Count; i++)
            {
                seeded[i].Item2.AddRange(world.SeedNew(detectors[i], PerWave, seed: 10_000 + (wave * 10) + i));
            }
        }

        var throttled = world.Gd.Faults.InjectedCount;
        var calls = world.Gd.Calls.Total;
        var duringWindow = world.IncidentCount;
        world.Gd.Faults.Remove(throttle);
        var total = seeded.Sum(s => s.Item2.Count);
        await Eventually.HoldsAsync(() => world.IncidentCount >= total || app.HasExited, TimeSpan.FromSeconds(90),
            () => $"{world.IncidentCount} of {total} incidents after the throttling");
        app.ShouldBeRunning();
        var quiet = await app.WaitForCyclesAsync(2, TimeSpan.FromSeconds(60));
        quiet[^1].Should().Contain(" 0 created,", "the cycles after the escalation find nothing new");
        (await app.StopAsync(TimeSpan.FromSeconds(60))).Should().Be(0);

        throttled.Should().BeGreaterThan(calls / 3, "about half of the calls were throttled");
        duringWindow.Should().BeGreaterThan(Initial, "the poller made progress while throttled");
        world.AssertExactlyOnePerFinding(seeded.Select(s => ((DetectorKey)s.d, (List<JObject>)s.Item2)));
        world.Soar.Calls.Get("PATCH", "/rest/orgs/{org}/incidents/{id}").Should().Be(0, "no finding was escalated twice");
        var gaveUp = world.ReadLogLines().Count(l => l.Contains("TooManyRequests", StringComparison.Ordinal) && l.Contains("failed after", StringComparison.Ordinal));
        TestContext.Out.WriteLine($"{windowSeconds} s window: {throttled} of {calls} AWS calls throttled; {duringWindow} of {total} escalated " +
                                  $"during the window, the rest after it; {gaveUp} log line(s) of calls that gave up after their retries");
    }
}
