using Fn.AwsGuardDuty.Sandbox.Bench;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Bench;

/// <summary>
/// <c>bench --quick --only escalation</c> end to end: the built app as a child process against the emulators (no
/// ActiveMQ needed), one table on the console and a bench-results.json of the documented shape. Whether the targets
/// are met depends on the machine's load, so only the exit code's range is checked, not pass/fail.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BenchQuickRunTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Quick_escalation_writes_results_with_figures_targets_and_the_machine(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("bench-test-").FullName;
        try
        {
            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), ColorSystem = ColorSystemSupport.NoColors });
            var path = Path.Combine(directory, "bench-results.json");
            var app = Path.Combine(TestContext.CurrentContext.TestDirectory, "fn-aws-guardduty");

            var exit = await BenchVerb.RunAsync(["--quick", "--only", "escalation", "--out", path, "--app", app], console, cancellationToken);

            var text = output.ToString();
            exit.Should().BeOneOf([BenchVerb.Ok, BenchVerb.TargetMissed], text);
            text.Should().Contain("escalation: findings/s").And.Contain("Target").And.Contain("results written to");
            var json = JObject.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            json.Value<int>("schema_version").Should().Be(BenchResults.SchemaVersion);
            json.Value<string>("mode").Should().Be("quick");
            json.Value<string>("command").Should().StartWith("bench --quick --only escalation");
            DateTimeOffset.Parse(json.Value<string>("date")!, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            json["passed"]!.Type.Should().Be(JTokenType.Boolean);

            var machine = (JObject)json["machine"]!;
            machine.Value<int>("cores").Should().Be(Environment.ProcessorCount);
            machine.Value<long>("memory_mb").Should().BePositive();
            machine.Value<string>("os").Should().NotBeNullOrWhiteSpace();
            machine.Value<string>("dotnet").Should().StartWith(".NET");
            machine.Value<string>("cpu_model").Should().NotBeNullOrWhiteSpace();
            machine.Properties().Select(p => p.Name).Should().Contain(["git_commit", "load_average_at_start"]);

            var scenario = (JObject)json["scenarios"]!.Single();
            scenario.Value<string>("name").Should().Be("escalation");
            scenario.Value<string>("status").Should().Be("ran", scenario["reason"]?.ToString());
            var figures = scenario["figures"]!.Cast<JObject>().ToList();
            figures.Select(f => f.Value<string>("name")).Should().Contain([
                "escalation: findings/s", "escalation: GuardDuty calls per finding", "escalation: SOAR calls / API minimum",
                "escalation: peak RSS of the app", "escalation: app CPU per finding", "steady state: cycle time", "steady state: GuardDuty calls", "steady state: SOAR calls"]);
            foreach (var figure in figures.Where(f => f["target"]!.Type != JTokenType.Null))
            {
                figure["value"]!.Type.Should().BeOneOf(JTokenType.Float, JTokenType.Integer);
                figure["target"]!.Value<string>("op").Should().BeOneOf(">=", "<=", "<");
                figure["pass"]!.Type.Should().Be(JTokenType.Boolean);
                figure.Value<string>("target_text").Should().NotBeNullOrEmpty();
            }

            var details = (JObject)scenario["details"]!;
            details.Value<int>("incidents").Should().Be(BenchScale.Quick.Findings, "every finding became an incident");
            details.Value<bool>("app_and_emulator_counts_agree").Should().BeTrue();
            details.Value<double>("app_startup_cpu_ms").Should().BePositive("start-up CPU is measured apart from the escalation's");
            details["escalation_cycle"]!.Value<long>("created").Should().Be(BenchScale.Quick.Findings);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
