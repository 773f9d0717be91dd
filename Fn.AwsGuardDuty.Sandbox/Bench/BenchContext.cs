using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Spectre.Console;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// What every scenario shares: the scale, the app executable, a work directory, the console for progress, and one
/// ActiveMQ started on first use (java takes seconds to start, so the scenarios that need it share it).
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

    /// <summary>The shared broker; throws <see cref="ScenarioSkippedException"/> when ActiveMQ is missing or does not start.</summary>
    public async Task<ActiveMqBroker> BrokerAsync()
    {
        if (ActiveMqInstallation.MissingReason() is { } missing)
        {
            throw new ScenarioSkippedException(missing);
        }

        try
        {
            return await _broker.Value.ConfigureAwait(false);
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

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
