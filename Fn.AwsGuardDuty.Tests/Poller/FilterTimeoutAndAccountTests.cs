using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// Defect 4: a regex that runs into its match timeout counts as "no match" for that value, is reported once naming its
/// key, and polling goes on. Issue 13: aws_gd_accounts / aws_gd_exclude_accounts select findings by their AccountId.
/// </summary>
[TestFixture]
public sealed class FilterTimeoutAndAccountTests
{
    // Backtracks exponentially on any type that does not start with Backdoor (measured: > 1 s on a 35-character type).
    private const string Catastrophic = @"^Backdoor|^(\w+\W?)*!$";
    private const string ProbeType = "Recon:EC2/PortProbeUnprotectedPort";
    private const string BackdoorType = "Backdoor:EC2/C&CActivity.B";

    private static Regex Pattern(string text) => new(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [Test]
    public async Task A_catastrophic_type_regex_leaves_the_other_regions_and_detectors_escalating()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var seeded = new[] { h.Detector("us-east-1"), h.Detector("eu-west-1"), h.Detector("eu-west-1", PollerHarness.AccountB) }
            .SelectMany((d, n) => h.Seed(d, 4, seed: 50 + n, (i, f) => f["type"] = i == 0 ? BackdoorType : ProbeType))
            .ToList();

        var poller = h.NewPoller(o => o with { ExcludeFindingTypes = Pattern(Catastrophic) });
        var cycle = await poller.RunCycleAsync();
        var again = await poller.RunCycleAsync();

        var escalated = seeded.Where(f => f.Value<string>("type") == ProbeType).Select(f => f.Value<string>("id")!).ToList();
        escalated.Should().HaveCount(9);
        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(escalated,
            "a timed-out exclude match is \"no match\": those findings are escalated; Backdoor ones are excluded");
        cycle.Detectors.Should().Be(3);
        cycle.Created.Should().Be(9);
        again.Created.Should().Be(0);
        h.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("aws_gd_exclude_finding_types", StringComparison.Ordinal))
            .Should().ContainSingle("one clear error names the key, not one per finding or per cycle");
    }

    [Test]
    public async Task A_catastrophic_regions_regex_leaves_the_regions_it_matches_polled()
    {
        await using var h = await PollerHarness.StartAsync(@"^eu-west-1$|^(([a-z0-9]*-?[a-z0-9]*)*)*!$", regionsInterval: TimeSpan.FromHours(1));
        var west = h.Seed(h.Detector("eu-west-1"), 3, seed: 55);
        h.Seed(h.Detector("us-east-1"), 3, seed: 56);

        var cycle = await h.NewPoller().RunCycleAsync();

        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(west.Select(f => f.Value<string>("id")!));
        cycle.Regions.Should().Be(1);
        h.Logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("aws_gd_regions", StringComparison.Ordinal)
            && l.Contains("us-east-1", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_excluded_accounts_finding_gets_no_incident_and_the_summary_counts_findings_per_account()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        string[] accounts = [PollerHarness.AccountA, "210987654321", "777788889999"];
        // The administrator's detector lists its members' findings, which live in the members' own detectors.
        h.Gd.AddMembers(PollerHarness.AccountA, ["210987654321", "777788889999"]);
        var findings = accounts.SelectMany((account, i) => h.Seed(h.Detector("us-east-1", account), 3, seed: 57 + i)).ToList();

        var cycle = await h.NewPoller(o => o with { ExcludeAccounts = Pattern("^2109") }).RunCycleAsync();

        var wanted = findings.Where(f => f.Value<string>("accountId") != "210987654321").Select(f => f.Value<string>("id")!).ToList();
        h.IncidentsByFinding().Select(g => g.Key).Should().BeEquivalentTo(wanted);
        cycle.Skipped.Should().Be(3);
        cycle.FindingsByAccount.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            [PollerHarness.AccountA] = 3,
            ["210987654321"] = 3,
            ["777788889999"] = 3,
        });
        h.Logs.Lines.Should().Contain(l => l.StartsWith("Info", StringComparison.Ordinal) && l.Contains("Poll cycle", StringComparison.Ordinal)
            && l.Contains("210987654321: 3", StringComparison.Ordinal));
    }

    [Test]
    public async Task Only_the_accounts_aws_gd_accounts_finds_are_escalated()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        string[] accounts = [PollerHarness.AccountA, "210987654321"];
        h.Gd.AddMembers(PollerHarness.AccountA, ["210987654321"]);
        var findings = accounts.SelectMany((account, i) => h.Seed(h.Detector("us-east-1", account), 3, seed: 58 + i)).ToList();

        await h.NewPoller(o => o with { Accounts = Pattern("^2109") }).RunCycleAsync();

        h.IncidentsByFinding().Select(g => g.Key).Should()
            .BeEquivalentTo(findings.Where(f => f.Value<string>("accountId") == "210987654321").Select(f => f.Value<string>("id")!));
    }
}
