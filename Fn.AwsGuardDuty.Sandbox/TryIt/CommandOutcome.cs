namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>What one of the app's verbs did in-process: its exit code and what it wrote.</summary>
public sealed record CommandOutcome(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    public IEnumerable<string> OutputLines => Lines(Output);

    public IEnumerable<string> ErrorLines => Lines(Error);

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
