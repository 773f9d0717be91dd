using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// The built <c>fn-aws-guardduty</c> executable (the apphost the test project copies beside its own assembly, for
/// the configuration being tested) running <c>run -c &lt;config&gt;</c> as a child process. Its stdout and stderr
/// lines go to the <see cref="LogBook"/>. <see cref="KillAsync"/> is SIGKILL, as a crash or the OOM killer would be.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>stdout and stderr lines so far, prefixed "out: " or "err: ".</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The cycle summary lines ("Poll cycle: ...") written so far.</summary>
    public IReadOnlyList<string> CycleSummaries => _output.Where(l => l.Contains("Poll cycle:", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Waits until <paramref name="count"/> more poll cycles have ended (their summary lines): the positive signal that the
    /// path under test ran again, before a test asserts that it changed nothing. Returns those summaries.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForCyclesAsync(int count, TimeSpan timeout)
    {
        var before = CycleSummaries.Count;
        await Eventually.HoldsAsync(() => CycleSummaries.Count >= before + count || HasExited, timeout,
            () => $"{Name}: {CycleSummaries.Count - before} of {count} more poll cycle(s) ended");
        ShouldBeRunning();
        return CycleSummaries.Skip(before).ToList();
    }

    public static string ExecutablePath => Path.Combine(TestContext.CurrentContext.TestDirectory, "fn-aws-guardduty");

    public static AppProcess Start(string configPath, string home, string name)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(configPath);
        // Only what the test means: no inherited app.config location, log level or AWS settings.
        foreach (var variable in new[] { "APP_CONFIG_FILE", "LOGLEVEL", "APP_LOG_DIR", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                     "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_GUARDDUTY", "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["HOME"] = home;
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process, name);
        process.OutputDataReceived += (_, e) => app.Capture("out", e.Data);
        process.ErrorDataReceived += (_, e) => app.Capture("err", e.Data);
        process.Exited += (_, _) => app._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>SIGKILL: no shutdown path runs, nothing is flushed or saved.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigTerm);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} did not stop within {timeout.TotalSeconds:0} s of SIGTERM");
        }

        // The output pipes may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Fails with the output tail when the process has exited: the app must never die on its own.</summary>
    public void ShouldBeRunning()
    {
        if (_process.HasExited)
        {
            throw new AssertionException($"{Name} exited with code {_process.ExitCode}:\n{string.Join("\n", _output.TakeLast(30))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Capture(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"{stream}: {line}");
        LogBook.Run.Add($"{Name} std{stream}", line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
