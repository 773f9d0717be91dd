namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>A private .sandbox folder for one test, removed afterwards.</summary>
internal sealed class TryItFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tryit-test-" + Guid.NewGuid().ToString("N"), ".sandbox");

    public string Log => System.IO.Path.Combine(Path, "logs", "app.log");

    public string SandboxLog => System.IO.Path.Combine(Path, "logs", "sandbox.log");

    public string ReadLogs() => string.Join("\n", new[] { Log, SandboxLog }.Where(File.Exists).Select(File.ReadAllText));

    public void Dispose()
    {
        var root = Directory.GetParent(Path)!.FullName;
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
