using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>The summary tables: what happened to incidents and findings, the function round trips, the calls made.</summary>
public static class SummaryView
{
    public static IRenderable Render(TryItSummary summary)
    {
        var loop = new Table().Title("[bold]What happened[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        loop.AddRow("Findings seeded in GuardDuty", $"{N(summary.FindingsSeeded)} in {summary.Regions} regions");
        loop.AddRow("Incidents created in SOAR", N(summary.IncidentsCreated));
        loop.AddRow("Incidents refreshed (finding changed in GuardDuty)", N(summary.IncidentsRefreshed));
        loop.AddRow("Incidents closed", $"{summary.IncidentsClosed} ({summary.ClosedByPoller} by the poller, {summary.ClosedByAnalyst} by an analyst)");
        loop.AddRow("Incidents reopened", N(summary.IncidentsReopened));
        loop.AddRow("Findings archived in GuardDuty", N(summary.FindingsArchived));
        loop.AddRow("Playbook failures", summary.PlaybookFailures == 0 ? "0" : $"[red]{summary.PlaybookFailures}[/]");
        loop.AddRow("App start-up to subscribed", $"{summary.AppStartup.TotalMilliseconds:0} ms");
        loop.AddRow("Poll cycles", N(summary.PollCycles));

        var functions = new Table().Title("[bold]Functions called through the broker[/]")
            .AddColumn("Function").AddColumn(new TableColumn("Calls").RightAligned())
            .AddColumn(new TableColumn("p50").RightAligned()).AddColumn(new TableColumn("p99").RightAligned());
        foreach (var f in summary.Functions)
            functions.AddRow(Markup.Escape(f.Function), N(f.Calls), Ms(f.P50), Ms(f.P99));
        if (summary.Functions.Count == 0)
            functions.AddRow("(none yet)", "0", "", "");

        var calls = new Table().Title("[bold]Calls made by the app[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        calls.AddRow("GuardDuty and EC2", N(summary.GuardDutyCalls));
        foreach (var (operation, count) in summary.GuardDutyCallsByOperation.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            calls.AddRow($"  [grey]{Markup.Escape(operation)}[/]", $"[grey]{N(count)}[/]");
        calls.AddRow("SOAR REST", N(summary.SoarCalls));

        return new Rows(loop, functions, calls);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
