using System.Diagnostics;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Poller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The real fn-aws-guardduty, run in this process through its own command line (<see cref="CliApplication"/>):
/// <c>customize -y -c app.config</c>, then <c>run -c app.config</c> until <see cref="StopAsync"/>. The app gets an
/// empty environment (nothing from the shell changes the sandbox) and the sandbox's NLog.config (its log goes to the
/// file). Its console output is captured for the try-it display.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly SandboxLayout _layout;
    private readonly StringWriter _runOut = new();
    private readonly StringWriter _runError = new();
    private readonly TaskCompletionSource<IServiceProvider> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public InProcessApp(SandboxLayout layout) => _layout = layout;

    /// <summary>The host's services once it started (null before).</summary>
    public IServiceProvider? Services => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <summary>From <c>run</c> to the function listener subscribed to its queue.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Completed cycles of the findings poller (0 before the host started).</summary>
    public int PollCycles => Services?.GetServices<IHostedService>().OfType<FindingsPollerService>().FirstOrDefault()?.CyclesRun ?? 0;

    public bool IsRunning => _run is { IsCompleted: false };

    /// <summary>Completes when <c>run</c> ends, with its exit code (at once with -1 when it never started).</summary>
    public Task<int> Exited => _run ?? Task.FromResult(-1);

    /// <summary><c>customize -y</c> with the export shipped next to the executable.</summary>
    public async Task<CommandOutcome> CustomizeAsync(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new CliApplication(Context(output, error, configureServices: null))
            .RunAsync(["customize", "-y", "-c", _layout.AppConfig], cancellationToken).ConfigureAwait(false);
        return new CommandOutcome(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Starts <c>run</c> and waits until its function listener is subscribed. Throws <see cref="TryItException"/> with
    /// the app's own message when it exits instead, or does not get there within <paramref name="timeout"/>.
    /// </summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_run is not null)
            throw new InvalidOperationException("the app was already started");
        var started = Stopwatch.GetTimestamp();
        var context = Context(TextWriter.Synchronized(_runOut), TextWriter.Synchronized(_runError),
            services => services.AddHostedService(sp => new AppProbe(sp, _started)));
        _run = Task.Run(() => new CliApplication(context).RunAsync(["run", "-c", _layout.AppConfig], _stop.Token), CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var first = await Task.WhenAny(_started.Task, _run).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (first == _run)
                throw new TryItException($"the app stopped during start-up (exit {await _run.ConfigureAwait(false)}): {Describe(_runError.ToString())}");
            var listener = Services!.GetService<FunctionListener>()
                ?? throw new TryItException("the app runs without its function listener (is the org's actions framework off?)");
            var subscribed = await Task.WhenAny(listener.Subscribed, _run).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (subscribed == _run)
                throw new TryItException($"the app stopped before it subscribed (exit {await _run.ConfigureAwait(false)}): {Describe(_runError.ToString())}");
            await listener.Subscribed.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TryItException($"the app did not subscribe to its function queue within {timeout.TotalSeconds:0} s; see {_layout.LogFile}");
        }

        StartupTime = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Stops <c>run</c> as SIGTERM would (graceful) and returns its exit code and what it wrote.</summary>
    public async Task<CommandOutcome?> StopAsync(TimeSpan timeout)
    {
        if (_run is null)
            return null;
        await _stop.CancelAsync().ConfigureAwait(false);
        int code;
        try
        {
            code = await _run.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new CommandOutcome(-1, _runOut.ToString(), $"the app did not stop within {timeout.TotalSeconds:0} s");
        }

        return new CommandOutcome(code, _runOut.ToString(), _runError.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private CliContext Context(TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices) => new()
    {
        Out = output,
        Error = error,
        In = TextReader.Null,
        Environment = AppEnvironment.FromDictionary(new Dictionary<string, string>(), _layout.Root,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
        NLogConfigPath = _layout.NLogConfig,
        ConfigureServices = configureServices,
    };

    private static string Describe(string error) =>
        string.IsNullOrWhiteSpace(error) ? "(no message; see the log)" : error.Trim();
}
