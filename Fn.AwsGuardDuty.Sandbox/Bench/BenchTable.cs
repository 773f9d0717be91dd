using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>The one table the bench prints: figure, value, target, pass/fail; a scenario that did not run shows why.</summary>
public static class BenchTable
{
    public static Table Render(BenchResults results)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Figure")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn("Target")
            .AddColumn("Result");
        foreach (var scenario in results.Scenarios)
        {
            if (scenario.Status != ScenarioStatus.Ran)
            {
                var label = scenario.Status == ScenarioStatus.NotRun ? "not run" : "failed";
                table.AddRow(new Markup(Markup.Escape(scenario.Name)), new Text("-"), new Text("-"),
                    new Markup($"[yellow]{label}: {Markup.Escape(scenario.Reason ?? "")}[/]"));
            }

            foreach (var figure in scenario.Figures)
            {
                var result = figure.Pass switch
                {
                    true => "[green]pass[/]",
                    false => "[red]FAIL[/]",
                    null => "[grey]info[/]",
                };
                if (figure.Note is { } note) result += $" [grey]({Markup.Escape(note)})[/]";
                table.AddRow(new Markup(Markup.Escape(figure.Name)), new Text(figure.ValueText),
                    new Text(figure.Target?.Describe(figure.Unit) ?? ""), new Markup(result));
            }
        }

        return table;
    }
}
