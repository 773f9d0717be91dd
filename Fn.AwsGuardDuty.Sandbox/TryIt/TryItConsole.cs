using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The try-it display over Spectre.Console: steps with a spinner and a ✓/✗ line, a progress bar for waits with a
/// count, notes, and the summary tables. Animations only run on an interactive terminal; elsewhere (a pipe, a test)
/// the same steps print as plain lines. <see cref="Quiet"/> keeps failures, the summary and the poke guide only.
/// </summary>
public sealed class TryItConsole(IAnsiConsole console, bool quiet)
{
    private readonly Lock _gate = new();

    public IAnsiConsole Console { get; } = console;

    public bool Quiet { get; } = quiet;

    private bool Animated => !Quiet && Console.Profile.Capabilities.Interactive;

    /// <summary>Runs a step: a spinner while it runs, then "✓ title: what it returned", or "✗ title: why" and rethrow.</summary>
    public async Task<T> StepAsync<T>(string title, Func<Task<T>> action, Func<T, string> describe)
    {
        T result;
        try
        {
            result = Animated
                ? await Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(title) + "...", _ => action()).ConfigureAwait(false)
                : await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Line($"[red]✗[/] {Markup.Escape(title)}: [red]{Markup.Escape(e.Message)}[/]", always: true);
            throw;
        }

        Line($"[green]✓[/] {Markup.Escape(title)}: {Markup.Escape(describe(result))}");
        return result;
    }

    public async Task StepAsync(string title, Func<Task<string>> action) =>
        await StepAsync(title, action, detail => detail).ConfigureAwait(false);

    /// <summary>
    /// Waits until <paramref name="current"/> reaches <paramref name="target"/>, with a progress bar on a terminal.
    /// Throws <see cref="TryItException"/> naming <paramref name="expectation"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task ProgressAsync(string title, int target, Func<int> current, TimeSpan timeout, string expectation, Func<string> seen,
        CancellationToken cancellationToken)
    {
        if (!Animated)
        {
            await StepAsync(title, async () =>
            {
                await Eventually.WaitAsync(() => current() >= target, timeout, expectation, seen, cancellationToken).ConfigureAwait(false);
                return $"{current()} of {target}";
            }).ConfigureAwait(false);
            return;
        }

        await Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: target);
                try
                {
                    await Eventually.WaitAsync(() =>
                    {
                        task.Value = Math.Min(current(), target);
                        return current() >= target;
                    }, timeout, expectation, seen, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        Line($"[green]✓[/] {Markup.Escape(title)}: {current()} of {target}");
    }

    /// <summary>A line of markup (suppressed by --quiet unless <paramref name="always"/>).</summary>
    public void Line(string markup, bool always = false)
    {
        if (Quiet && !always)
            return;
        lock (_gate)
            Console.MarkupLine(markup);
    }

    /// <summary>Text written as is, never wrapped (commands to copy).</summary>
    public void Raw(string text)
    {
        lock (_gate)
        {
            Console.Profile.Out.Writer.WriteLine(text);
            Console.Profile.Out.Writer.Flush();
        }
    }

    public void Heading(string text, bool always = false)
    {
        if (Quiet && !always)
            return;
        lock (_gate)
            Console.Write(new Rule($"[bold]{Markup.Escape(text)}[/]") { Justification = Justify.Left });
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable, bool always = false)
    {
        if (Quiet && !always)
            return;
        lock (_gate)
            Console.Write(renderable);
    }
}
