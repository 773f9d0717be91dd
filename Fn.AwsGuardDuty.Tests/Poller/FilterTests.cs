using System.Globalization;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Tests.Poller.Support;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Type include/exclude, the severity threshold, the lookback window and the per-cycle cap behave as configured.</summary>
[TestFixture]
public sealed class FilterTests
{
    [Test]
    public async Task Type_include_and_exclude_regexes_select_the_findings_escalated()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var findings = h.Seed(h.Detector("us-east-1"), 66, seed: 91);
        var include = new Regex("^(Recon|UnauthorizedAccess|Discovery):", RegexOptions.IgnoreCase);
        var exclude = new Regex("PortProbe", RegexOptions.IgnoreCase);

        var cycle = await h.NewPoller(o => o with { FindingTypes = include, ExcludeFindingTypes = exclude }).RunCycleAsync();

        var wanted = findings.Where(f => include.IsMatch(f.Value<string>("type")!) && !exclude.IsMatch(f.Value<string>("type")!))
            .Select(f => f.Value<string>("id")!).ToList();
        wanted.Should().NotBeEmpty();
        wanted.Count.Should().BeLessThan(66);
        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(wanted);
        cycle.Skipped.Should().Be(66 - wanted.Count);
    }

    [TestCase(5.5)]
    [TestCase(9.0)]
    [TestCase(0.0)]
    public async Task The_severity_threshold_is_honoured_including_fractions_and_zero(double threshold)
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var findings = h.Seed(h.Detector("us-east-1"), 66, seed: 92);

        await h.NewPoller(o => o with { SeverityThreshold = threshold }).RunCycleAsync();

        var wanted = findings.Where(f => f.Value<double>("severity") >= threshold).Select(f => f.Value<string>("id")!).ToList();
        wanted.Should().NotBeEmpty();
        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(wanted);
    }

    [Test]
    public async Task Lookback_bounds_the_first_cycle_and_a_newly_discovered_region()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var now = DateTimeOffset.UtcNow;
        string Ago(TimeSpan t) => (now - t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        void Ages(int i, Newtonsoft.Json.Linq.JObject f)
        {
            f["createdAt"] = Ago(TimeSpan.FromHours(5));
            f["updatedAt"] = Ago(i % 2 == 0 ? TimeSpan.FromHours(3) : TimeSpan.FromMinutes(30 + i));
        }

        var first = h.Seed(h.Detector("us-east-1"), 10, seed: 93, Ages);
        var poller = h.NewPoller(o => o with { LookbackInterval = TimeSpan.FromHours(1) });

        var one = await poller.RunCycleAsync();
        var later = h.Seed(h.Detector("eu-west-1"), 10, seed: 94, Ages);
        var two = await poller.RunCycleAsync();

        one.Created.Should().Be(5, "only the findings updated within the last hour");
        two.Created.Should().Be(5, "a region discovered later also starts from the lookback window");
        var recent = first.Concat(later).Where((_, i) => i % 2 == 1).Select(f => f.Value<string>("id")!);
        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(recent);
    }

    [Test]
    public async Task The_per_cycle_cap_carries_the_rest_over_to_later_cycles()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var seeded = new[] { h.Detector("us-east-1"), h.Detector("eu-west-1") }.Select((d, i) => (d, h.Seed(d, 65, seed: 95 + i))).ToList();
        var created = new List<long>();
        var capped = new List<bool>();

        for (var i = 0; i < 5; i++)
        {
            var cycle = await h.NewPoller(o => o with { MaxFindingsPerCycle = 40 }).RunCycleAsync();
            created.Add(cycle.Created);
            capped.Add(cycle.CapReached);
        }

        created.Should().Equal(40, 40, 40, 10, 0);
        capped.Should().Equal(true, true, true, false, false);
        EscalationTests.AssertExactlyOnce(h, seeded);
    }
}
