using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>Prints the selftest rows as a table: check, status, detail, hint.</summary>
public static class SelfTestTable
{
    public const int RedirectedWidth = 240;

    public static void Write(TextWriter writer, IReadOnlyList<SelfTestRow> rows)
    {
        // A file, a pipe or a log collector gets no colour codes, and a width that keeps hints and queue names whole.
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("fn-aws-guardduty selftest");
        table.AddColumn("Check");
        table.AddColumn("Status");
        table.AddColumn("Detail");
        table.AddColumn("Hint");
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Name),
                Status(row.Result.Status),
                new Text(row.Result.Message),
                new Text(row.Result.Hint ?? ""));
        }

        console.Write(table);
        var failed = rows.Count(r => r.Result.Status == SelfTestStatus.Fail);
        console.WriteLine(failed == 0 ? "selftest: all checks passed" : $"selftest: {failed} of {rows.Count} checks failed");
    }

    private static IRenderable Status(SelfTestStatus status) => status switch
    {
        SelfTestStatus.Pass => new Text("PASS", new Style(Color.Green)),
        SelfTestStatus.Fail => new Text("FAIL", new Style(Color.Red)),
        _ => new Text("SKIPPED", new Style(Color.Grey)),
    };
}
