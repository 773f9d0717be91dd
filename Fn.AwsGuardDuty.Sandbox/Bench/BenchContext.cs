using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// What every scenario shares: the scale, the app executable, a work directory, the console for progress, and one
/// ActiveMQ at its default transport settings, started on first use (java takes seconds to start, so the scenarios
/// that need it share it).
/// </summary>
public sealed class BenchContext : IAsyncDisposable
{
    private readonly Lazy<Task<ActiveMqBroker>> _broker = new(() => ActiveMqBroker.StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    public BenchContext(BenchScale scale, string appExecutable, IAnsiConsole console)
    {
        Scale = scale;
        AppExecutable = appExecutable;
        Console = console;
        WorkDir = Directory.CreateTempSubdirectory("fn-gd-bench-").FullName;
    }

    public BenchScale Scale { get; }

    public string AppExecutable { get; }

    public IAnsiConsole Console { get; }

    public string WorkDir { get; }

    /// <summary>
    /// Extra environment for every app process, from <c>BENCH_APP_ENV</c> ("NAME=value;NAME=value"), to compare
    /// runtime knobs (e.g. <c>DOTNET_GCgen0size</c>) without rebuilding. Recorded in the results.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; } = ParseEnvironment(Environment.GetEnvironmentVariable("BENCH_APP_ENV"));

    /// <summary>Starts the app with <see cref="AppEnvironment"/>.</summary>
    public AppProcess StartApp(string configPath, string home, params string[] markers) =>
        AppProcess.Start(new AppProcessStart(AppExecutable, "the app")
        {
            ConfigPath = configPath,
            Home = home,
            Environment = AppEnvironment,
            Markers = markers,
        });

    /// <summary>The shared broker (ActiveMQ defaults); throws <see cref="ScenarioSkippedException"/> when ActiveMQ is missing or does not start.</summary>
    public Task<ActiveMqBroker> BrokerAsync() => StartOrSkipAsync(() => _broker.Value);

    /// <summary>A broker of the scenario's own (the caller disposes it), e.g. to compare transport settings.</summary>
    public Task<ActiveMqBroker> StartBrokerAsync(ActiveMqTransport transport, CancellationToken cancellationToken) =>
        StartOrSkipAsync(() => ActiveMqBroker.StartAsync(transport, cancellationToken));

    private static async Task<ActiveMqBroker> StartOrSkipAsync(Func<Task<ActiveMqBroker>> start)
    {
        if (ActiveMqInstallation.MissingReason() is { } missing)
        {
            throw new ScenarioSkippedException(missing);
        }

        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new ScenarioSkippedException("ActiveMQ did not start: " + FirstLine(e.Message));
        }
    }

    public void Progress(string text) => Console.MarkupLineInterpolated($"[grey]  {text}[/]");

    public async ValueTask DisposeAsync()
    {
        if (_broker.IsValueCreated && _broker.Value.IsCompletedSuccessfully)
        {
            await _broker.Value.Result.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    private static Dictionary<string, string> ParseEnvironment(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Length > 0)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
