using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The try-it command: starts the sandbox (<see cref="TryItSession"/>), plays the loop (<see cref="LoopStory"/>), and
/// then either stays up for poking until cancelled (<see cref="TryItScenario.Interactive"/>, exit 0) or, for
/// <see cref="TryItScenario.Demo"/>, also calls functions (<see cref="FunctionTour"/>) and exits 0 when every
/// expectation held, 1 with the failed one otherwise. It always stops the app first, then the stand-ins.
/// </summary>
public sealed class TryItCommand(TryItOptions options, IAnsiConsole console)
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    private readonly TaskCompletionSource<TryItSession> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the sandbox is up and the poke guide printed (interactive), or the story ended (demo).</summary>
    public Task<TryItSession> Ready => _ready.Task;

    /// <summary>The summary printed at the end of the story (null when it did not get there).</summary>
    public TryItSummary? Summary { get; private set; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var ui = new TryItConsole(console, options.Quiet);
        ui.Heading(options.Scenario == TryItScenario.Demo
            ? "fn-aws-guardduty try-it sandbox: demo scenario"
            : "fn-aws-guardduty try-it sandbox");
        var session = new TryItSession(options, ui);
        var code = 0;
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            code = options.Scenario == TryItScenario.Demo
                ? await DemoAsync(session, ui, cancellationToken).ConfigureAwait(false)
                : await InteractiveAsync(session, ui, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            code = options.Scenario == TryItScenario.Demo ? Interrupted : 0;
            ui.Line(options.Scenario == TryItScenario.Demo ? "[yellow]Demo interrupted.[/]" : "Stopping...", always: true);
        }
        catch (TryItException e)
        {
            ui.Line($"[red]The sandbox could not start: {Markup.Escape(e.Message)}[/]", always: true);
            ui.Line($"See {Markup.Escape(SandboxLayout.Display(session.Layout.LogFile))} and {Markup.Escape(SandboxLayout.Display(Path.Combine(session.Layout.LogDirectory, "sandbox.log")))}.", always: true);
            code = Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ui.Line($"[red]The try-it sandbox failed: {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)}[/]", always: true);
            code = Failed;
        }
        finally
        {
            _ready.TrySetCanceled(CancellationToken.None);
            var app = await session.StopAsync().ConfigureAwait(false);
            if (app is not null)
            {
                var ok = app.ExitCode == 0;
                ui.Line(ok
                    ? "[green]✓[/] Stopped: the app (exit 0), then the platform and the stand-ins."
                    : $"[red]✗ The app stopped with exit {app.ExitCode}: {Markup.Escape(string.Join(" ", app.ErrorLines))}[/]", always: !ok);
                if (!ok && code == 0)
                    code = Failed;
            }
        }

        return code;
    }

    private async Task<int> DemoAsync(TryItSession session, TryItConsole ui, CancellationToken cancellationToken)
    {
        var story = new LoopStory(session, ui);
        try
        {
            ui.Heading("1. Findings become incidents");
            await story.IncidentsAsync(cancellationToken).ConfigureAwait(false);
            var (refresh, archive, close) = story.Pick(1);
            ui.Heading("2. A finding changes in GuardDuty: its incident is refreshed");
            await story.RefreshAsync(refresh, cancellationToken).ConfigureAwait(false);
            ui.Heading("3. A finding is archived in GuardDuty: its incident closes");
            await story.ArchiveInGuardDutyAsync(archive, cancellationToken).ConfigureAwait(false);
            ui.Heading("4. An analyst closes an incident in SOAR: its finding is archived");
            await story.CloseInSoarAsync(close, checkPingPong: true, cancellationToken).ConfigureAwait(false);
            ui.Heading("5. Functions called as a playbook calls them");
            await new FunctionTour(session, ui).RunAsync(cancellationToken).ConfigureAwait(false);
            ui.Heading("6. An attack sequence across an organisation: one incident, linked to its member findings' incidents");
            await new SequenceStory(session, ui).RunAsync(cancellationToken).ConfigureAwait(false);
            ui.Heading("7. An analyst marks an incident as a false positive: feedback, a suppression rule, archived, closed");
            await new FalsePositiveStory(session, ui).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TryItException e)
        {
            ShowSummary(session, ui);
            ui.Line($"[red]✗ Demo failed: {Markup.Escape(e.Message)}[/]", always: true);
            ui.Line($"See {Markup.Escape(SandboxLayout.Display(session.Layout.LogFile))}.", always: true);
            return Failed;
        }

        ShowSummary(session, ui);
        ui.Line("[green]✓ Demo passed: every expectation held.[/]", always: true);
        _ready.TrySetResult(session);
        return 0;
    }

    private async Task<int> InteractiveAsync(TryItSession session, TryItConsole ui, CancellationToken cancellationToken)
    {
        var story = new LoopStory(session, ui);
        try
        {
            ui.Heading("The loop, once");
            await story.IncidentsAsync(cancellationToken).ConfigureAwait(false);
            var (refresh, archive, close) = story.Pick(1);
            await story.RefreshAsync(refresh, cancellationToken).ConfigureAwait(false);
            await story.ArchiveInGuardDutyAsync(archive, cancellationToken).ConfigureAwait(false);
            await story.CloseInSoarAsync(close, checkPingPong: false, cancellationToken).ConfigureAwait(false);
        }
        catch (TryItException e)
        {
            // Stay up anyway: the sandbox is there to look into what went wrong.
            ui.Line($"[yellow]The loop did not complete: {Markup.Escape(e.Message)}[/]", always: true);
        }

        ShowSummary(session, ui);
        PokeGuide.Write(session, ui);
        ui.Line("[green]Ready.[/] New activity is shown below. Press [bold]Ctrl-C[/] to stop.", always: true);
        void Feed(string line) => ui.Line($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(line)}");
        session.Activity.Changed += Feed;
        _ready.TrySetResult(session);
        try
        {
            var exited = session.App.Exited;
            await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            ui.Line($"[red]The app stopped on its own (exit {await exited.ConfigureAwait(false)}); see {Markup.Escape(SandboxLayout.Display(session.Layout.LogFile))}.[/]", always: true);
            return Failed;
        }
        finally
        {
            session.Activity.Changed -= Feed;
        }
    }

    private void ShowSummary(TryItSession session, TryItConsole ui)
    {
        Summary = session.Summary();
        ui.Heading("Summary", always: true);
        ui.Write(SummaryView.Render(Summary), always: true);
    }
}
