using System.Diagnostics;
using Fn.AwsGuardDuty.Tests.Reliability.Support;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 2: the built app (<c>fn-aws-guardduty run -c</c>, a child process) escalates 2,000 findings in two
/// regions and is killed with SIGKILL five times at random points of the escalation, then restarted. At the end the
/// incidents equal the findings: exactly one per finding id, none missing, none for anything else, each with the
/// content the mapper makes, and nothing done before a kill was escalated or refreshed again.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(2)]
public sealed class AppKilledMidEscalationTests
{
    private const int PerRegion = 1000;
    private const int Kills = 5;
    private const int Seed = 20250802;

    [Test]
    public async Task The_app_SIGKILLed_five_times_at_random_points_of_escalation_ends_with_exactly_one_incident_per_finding()
    {
        await using var world = await AppWorld.StartAsync("kill-restart");
        var seeded = AppWorld.Regions.Select((region, i) => (world.Detector(region), world.Seed(world.Detector(region), PerRegion, seed: 300 + i))).ToList();
        var total = PerRegion * AppWorld.Regions.Count;
        world.WriteConfig();
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var killedAt = new List<int>();

        for (var kill = 1; kill <= Kills; kill++)
        {
            var app = world.StartApp();
            var before = world.IncidentCount;
            // Somewhere in the next third of what is left, so every kill lands before the escalation is over.
            var target = before + random.Next(1, Math.Max(2, (total - before) / 3));
            await Eventually.HoldsAsync(() => world.IncidentCount >= target || app.HasExited, TimeSpan.FromSeconds(90),
                () => $"run {kill}: {world.IncidentCount} incidents, waiting for {target}");
            app.ShouldBeRunning();
            await Task.Delay(random.Next(0, 40)); // not always right after an incident appeared
            await app.KillAsync();
            killedAt.Add(world.IncidentCount);
        }

        var last = world.StartApp();
        await Eventually.HoldsAsync(() => world.IncidentCount >= total || last.HasExited, TimeSpan.FromSeconds(120),
            () => $"final run: {world.IncidentCount} of {total} incidents");
        last.ShouldBeRunning();
        var escalated = clock.Elapsed;
        var createsAtEnd = world.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents");
        // Two more whole cycles over known, unchanged findings (the first may have begun before the wait).
        var quiet = await last.WaitForCyclesAsync(2, TimeSpan.FromSeconds(60));
        quiet[^1].Should().Contain(" 0 created,", "a cycle over known findings creates nothing");
        (await last.StopAsync(TimeSpan.FromSeconds(30))).Should().Be(0, "SIGTERM ends run with exit 0");

        killedAt.Should().HaveCount(Kills).And.OnlyContain(n => n < total, "every kill landed during the escalation");
        world.AssertExactlyOnePerFinding(seeded, contentSample: total);
        world.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents").Should().Be(createsAtEnd, "quiet cycles create nothing");
        world.Soar.Calls.Get("PATCH", "/rest/orgs/{org}/incidents/{id}").Should().Be(0, "nothing escalated before a kill was refreshed or re-escalated");
        TestContext.Out.WriteLine($"seed {Seed}: killed at {string.Join(", ", killedAt)} incidents; {total} escalated in {escalated.TotalSeconds:0.0} s " +
                                  $"over {Kills + 1} runs; {createsAtEnd} create calls for {total} findings");
    }
}
