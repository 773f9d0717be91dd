using Fn.AwsGuardDuty.Cli;

namespace Fn.AwsGuardDuty.Tests.Push.Support;

/// <summary>One <c>run</c> in-process; <see cref="StopAsync"/> is the graceful stop a SIGTERM gives.</summary>
internal sealed class RunningApp(string name, string logFile)
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public string Name { get; } = name;

    public string LogFile { get; } = logFile;

    public StringWriter Output { get; } = new();

    public bool Running => _run is { IsCompleted: false };

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public void Start(CliContext context, string configPath) => _run = RunCommand.ExecuteAsync(context, configPath, _stop.Token);

    public async Task<int> StopAsync()
    {
        if (_run is null) return 0;
        await _stop.CancelAsync();
        var code = await _run.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
        _run = null;
        return code;
    }
}
