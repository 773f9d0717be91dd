using Fn.AwsGuardDuty.Sandbox.TryIt;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>A private .sandbox folder for one test, removed afterwards.</summary>
internal sealed class TryItFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tryit-test-" + Guid.NewGuid().ToString("N"), ".sandbox");

    public string Log => System.IO.Path.Combine(Path, "logs", "app.log");

    public string SandboxLog => System.IO.Path.Combine(Path, "logs", "sandbox.log");

    /// <summary>The demo scenario as the tests run it in this folder: 12 findings, a poll every 2 s, 30 s per step.</summary>
    public TryItCommand DemoCommand(TestConsole console) => new(new TryItOptions
    {
        Scenario = TryItScenario.Demo,
        Findings = 12,
        PollInterval = TimeSpan.FromSeconds(2),
        StepTimeout = TimeSpan.FromSeconds(30),
        WorkDirectory = Path,
    }, console.Console);

    public string ReadLogs() => string.Join("\n", new[] { Log, SandboxLog }.Where(File.Exists).Select(File.ReadAllText));

    public void Dispose()
    {
        var root = Directory.GetParent(Path)!.FullName;
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
