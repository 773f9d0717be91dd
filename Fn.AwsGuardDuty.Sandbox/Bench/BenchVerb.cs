using System.Diagnostics;
using Fn.AwsGuardDuty.Sandbox.Bench.Scenarios;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// <c>bench [--quick] [--only NAME] [--out PATH] [--app PATH]</c>: runs the DESIGN.md §7 scenarios against the loopback
/// emulators and a real ActiveMQ (started here), prints one table and writes bench-results.json.
/// Exit codes: 0 every scenario ran and met its targets; 1 a target was missed; 2 bad arguments; 3 a scenario did
/// not run (ActiveMQ or java missing) or failed.
/// </summary>
public static class BenchVerb
{
    public const int Ok = 0;
    public const int TargetMissed = 1;
    public const int BadArguments = 2;
    public const int NotAllRan = 3;

    public static IReadOnlyList<IBenchScenario> Scenarios { get; } =
    [
        new EscalationScenario(),
        new RoundTripScenario(),
        new ThroughputScenario(),
        new IdleRssScenario(),
        new StartupScenario(),
        new PushLatencyScenario(),
        new PushFailoverScenario(),
    ];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, AnsiConsole.Console, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        BenchArguments arguments;
        try
        {
            arguments = BenchArguments.Parse(args);
            var unknown = arguments.Only.Where(name => Scenarios.All(s => s.Name != name)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown scenario {string.Join(", ", unknown)} (known: {string.Join(", ", Scenarios.Select(s => s.Name))})");
            }
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]bench: {e.Message}[/]");
            console.WriteLine(BenchArguments.Usage);
            return BadArguments;
        }

        if (arguments.Help)
        {
            console.WriteLine(BenchArguments.Usage);
            return Ok;
        }

        if (Console.IsOutputRedirected && console.Profile.Width < 120)
        {
            // Piped to a file or a CI log: keep each row of the table on one line.
            console.Profile.Width = 120;
        }

        var scale = arguments.Quick ? BenchScale.Quick : BenchScale.Full;
        var selected = Scenarios.Where(s => arguments.Only.Count == 0 || arguments.Only.Contains(s.Name)).ToList();
        var app = arguments.AppPath ?? Path.Combine(AppContext.BaseDirectory, "fn-aws-guardduty");
        var machine = MachineInfo.Collect();
        var date = DateTimeOffset.UtcNow;
        console.MarkupLineInterpolated($"[bold]fn-aws-guardduty bench[/] ({scale.Mode}): {machine.Cores} cores, {machine.MemoryMegabytes:N0} MB, {machine.CpuModel}, {machine.DotNet}, load {machine.LoadAverage ?? "?"}");

        var outcomes = new List<ScenarioOutcome>();
        await using (var context = new BenchContext(scale, app, console))
        {
            foreach (var scenario in selected)
            {
                outcomes.Add(await RunScenarioAsync(context, scenario, cancellationToken).ConfigureAwait(false));
            }
        }

        var command = "bench " + string.Join(' ', args);
        if (Environment.GetEnvironmentVariable("BENCH_APP_ENV") is { Length: > 0 } appEnvironment)
        {
            command = $"BENCH_APP_ENV=\"{appEnvironment}\" {command}";
        }

        var results = new BenchResults(scale.Mode, command.Trim(), date, machine, outcomes);
        console.Write(BenchTable.Render(results));
        results.Write(arguments.OutPath);
        console.MarkupLineInterpolated($"results written to {Path.GetFullPath(arguments.OutPath)}");
        return !results.AllRan ? NotAllRan : results.AllPass ? Ok : TargetMissed;
    }

    private static async Task<ScenarioOutcome> RunScenarioAsync(BenchContext context, IBenchScenario scenario, CancellationToken cancellationToken)
    {
        context.Console.MarkupLineInterpolated($"[bold]{scenario.Name}[/]: {scenario.Description}");
        var recorder = new ScenarioRecorder();
        var clock = Stopwatch.StartNew();
        try
        {
            await scenario.RunAsync(context, recorder, cancellationToken).ConfigureAwait(false);
            return new ScenarioOutcome(scenario.Name, ScenarioStatus.Ran, recorder.Figures, null, recorder.Details, clock.Elapsed);
        }
        catch (ScenarioSkippedException e)
        {
            context.Console.MarkupLineInterpolated($"[yellow]  not run: {e.Message}[/]");
            return new ScenarioOutcome(scenario.Name, ScenarioStatus.NotRun, recorder.Figures, e.Message, recorder.Details, clock.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var firstLine = e.Message.Split('\n')[0];
            context.Console.MarkupLineInterpolated($"[red]  failed: {firstLine}[/]");
            // The whole message (the app's last output lines, its stderr) goes to the JSON for diagnosis.
            recorder.Detail("error", e.ToString());
            return new ScenarioOutcome(scenario.Name, ScenarioStatus.Failed, recorder.Figures, $"{e.GetType().Name}: {firstLine}", recorder.Details, clock.Elapsed);
        }
    }
}
