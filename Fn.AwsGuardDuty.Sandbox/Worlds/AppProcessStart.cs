namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>How to start an <see cref="AppProcess"/>.</summary>
/// <param name="Executable">The built fn-aws-guardduty apphost.</param>
/// <param name="Name">Names the process in messages.</param>
public sealed record AppProcessStart(string Executable, string Name = "app")
{
    /// <summary>The app.config for <c>run -c</c> (the world's by default).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>HOME and the working folder (the world's by default).</summary>
    public string? Home { get; init; }

    /// <summary>Extra environment variables (e.g. runtime knobs to compare).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Substrings of the stdout lines to keep (for <see cref="AppProcess.WaitForAsync"/> and <see cref="AppProcess.Lines"/>);
    /// the others only feed a short tail. Null keeps every line (stdout and stderr), for tests that read the whole output.
    /// </summary>
    public IReadOnlyList<string>? Markers { get; init; }

    /// <summary>Called with "out" or "err" and each line, as it arrives (a test's log book).</summary>
    public Action<string, string>? OnLine { get; init; }

    /// <summary>The executable beside the running assembly (where the test and sandbox projects copy the app).</summary>
    public static string BesideThisAssembly => Path.Combine(AppContext.BaseDirectory, "fn-aws-guardduty");
}
