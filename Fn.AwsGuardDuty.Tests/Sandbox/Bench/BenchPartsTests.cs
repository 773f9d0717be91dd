using Fn.AwsGuardDuty.Sandbox.Bench;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Bench;

public sealed class BenchPartsTests
{
    [Test]
    public void The_poll_cycle_summary_line_is_read_as_the_app_logs_it()
    {
        var line = PollCycleLine.Parse("2026-11-26 12:00:00,000 INFO  [FindingsPoller] Poll cycle: 4 region(s), 4 detector(s), 1000 finding(s) seen, " +
                                       "998 created, 0 refreshed, 0 reopened, 2 unchanged, 0 closed, 0 skipped, 1 error(s), 40 GuardDuty call(s), 5915 SOAR call(s), 3750 ms");

        line.Should().Be(new PollCycleLine(4, 1000, 998, 2, 1, 40, 5915, TimeSpan.FromMilliseconds(3750)));
        FluentActions.Invoking(() => PollCycleLine.Parse("Poll cycle: nonsense")).Should().Throw<FormatException>();
    }

    [Test]
    public void Proc_status_gives_rss_and_its_peak_in_bytes()
    {
        var memory = ProcMemory.Parse("Name:\tfn-aws-guardduty\nVmHWM:\t  195276 kB\nVmRSS:\t   91528 kB\nThreads:\t16\n");

        memory.Should().Be(new ProcMemory(91528L * 1024, 195276L * 1024));
        ProcMemory.Parse("Name:\tx\n").Should().BeNull();
    }

    [TestCase(new[] { "--quick", "--only", "escalation,startup", "--out", "r.json" }, true, new[] { "escalation", "startup" }, "r.json")]
    [TestCase(new string[0], false, new string[0], "bench-results.json")]
    public void Arguments_are_parsed(string[] args, bool quick, string[] only, string outPath)
    {
        var parsed = BenchArguments.Parse(args);

        parsed.Quick.Should().Be(quick);
        parsed.Only.Should().Equal(only);
        parsed.OutPath.Should().Be(outPath);
    }

    [TestCase("--only")]
    [TestCase("--fast")]
    public void A_bad_argument_is_one_clear_error(string arg) =>
        FluentActions.Invoking(() => BenchArguments.Parse([arg])).Should().Throw<ArgumentException>().WithMessage($"*{arg}*");

    [Test]
    public async Task An_unknown_scenario_exits_2_before_anything_starts()
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });

        var exit = await BenchVerb.RunAsync(["--only", "nope"], console, CancellationToken.None);

        exit.Should().Be(BenchVerb.BadArguments);
        output.ToString().Should().Contain("unknown scenario nope");
    }

    [Test]
    public void Targets_compare_as_DESIGN_states_them()
    {
        BenchTarget.AtLeast(300).IsMetBy(300).Should().BeTrue();
        BenchTarget.AtMost(0.05).IsMetBy(0.051).Should().BeFalse();
        BenchTarget.Below(200).IsMetBy(200).Should().BeFalse();
        BenchTarget.Below(5).Describe("ms").Should().Be("< 5 ms");
    }
}
