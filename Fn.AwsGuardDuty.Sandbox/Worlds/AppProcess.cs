using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// The built <c>fn-aws-guardduty run -c CONFIG</c> as a child process, as an operator runs it, with an environment that
/// holds only what the caller means. Its stdout is read line by line: the lines with a watched marker (or every line)
/// are kept with the time they arrived, the rest only feed a short tail for error messages. <see cref="StopAsync"/> is
/// SIGTERM, <see cref="KillAsync"/> SIGKILL (as a crash or the OOM killer); disposing kills what still runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    /// <summary>The end of each poll cycle (its summary line).</summary>
    public const string CycleMarker = "Poll cycle:";

    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private const int TailLines = 60;

    // Inherited settings that would change what the app reads: its config location, log level and folder, AWS settings.
    private static readonly string[] Unset =
    [
        "APP_CONFIG_FILE", "LOGLEVEL", "APP_LOG_DIR", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_GUARDDUTY", "AWS_REGION", "AWS_DEFAULT_REGION",
    ];

    private readonly Process _process;
    private readonly AppProcessStart _start;
    private readonly long _started;
    private readonly Lock _gate = new();
    private readonly List<AppLine> _watched = [];
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _stderr = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lineCount;

    private AppProcess(Process process, AppProcessStart start, long started)
    {
        _process = process;
        _start = start;
        _started = started;
    }

    public string Name => _start.Name;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Lines read from stdout so far.</summary>
    public long LineCount => Interlocked.Read(ref _lineCount);

    /// <summary>The kept lines so far; without markers, every line prefixed "out: " or "err: ".</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
                return _watched.Select(l => l.Text).ToList();
        }
    }

    /// <summary>The cycle summary lines written so far (kept when <see cref="CycleMarker"/> is watched, or without markers).</summary>
    public IReadOnlyList<string> CycleSummaries => Lines(CycleMarker).Select(l => l.Text).ToList();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static AppProcess Start(AppProcessStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!File.Exists(start.Executable))
            throw new FileNotFoundException($"the app executable {start.Executable} does not exist (build Fn.AwsGuardDuty)");
        var home = start.Home ?? throw new ArgumentException("no HOME for the app", nameof(start));
        var info = new ProcessStartInfo(start.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(start.ConfigPath ?? throw new ArgumentException("no app.config for the app", nameof(start)));
        foreach (var variable in Unset)
            info.Environment.Remove(variable);
        info.Environment["HOME"] = home;
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in start.Environment)
            info.Environment[name] = value;

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {start.Executable}");
        var app = new AppProcess(process, start, started);
        process.OutputDataReceived += (_, e) => app.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The kept lines containing <paramref name="marker"/> so far.</summary>
    public IReadOnlyList<AppLine> Lines(string marker)
    {
        lock (_gate)
            return _watched.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Waits for the <paramref name="occurrence"/>-th kept line containing <paramref name="marker"/>. Throws
    /// <see cref="TimeoutException"/> (or <see cref="InvalidOperationException"/> when the app exits) with the output's tail.
    /// </summary>
    public async Task<AppLine> WaitForAsync(string marker, TimeSpan timeout, CancellationToken cancellationToken = default, int occurrence = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (Find(marker, occurrence) is { } seen)
                    return seen;
                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                // Output may still be draining; one last short wait before giving up.
                await Task.WhenAny(changed, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
                lock (_gate)
                {
                    if (Find(marker, occurrence) is { } late)
                        return late;
                }

                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before \"{marker}\"{Diagnostics()}");
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"no \"{marker}\" from {Name} within {timeout.TotalSeconds:0} s{Diagnostics()}");
            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken))
                .ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> more poll cycles have ended (their summary lines): the positive signal that the
    /// path under test ran again, before a test asserts that it changed nothing. Returns those summaries.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForCyclesAsync(int count, TimeSpan timeout)
    {
        var before = CycleSummaries.Count;
        await WaitForAsync(CycleMarker, timeout, CancellationToken.None, before + count).ConfigureAwait(false);
        return CycleSummaries.Skip(before).ToList();
    }

    /// <summary>Throws with the output's tail when the process has exited: the app must never die on its own.</summary>
    public void ShouldBeRunning()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}{Diagnostics()}");
    }

    /// <summary>SIGKILL: no shutdown path runs, nothing is flushed or saved.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
    }

    /// <summary>SIGSTOP: the process is frozen where it is (no line of it runs) until <see cref="Resume"/> or a kill.</summary>
    public void Pause()
    {
        if (!_process.HasExited && Kill(_process.Id, SigStop) != 0)
            throw new InvalidOperationException($"SIGSTOP to {Name} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        if (!_process.HasExited)
            _ = Kill(_process.Id, SigCont);
    }

    /// <summary>SIGKILL from synchronous code (an emulator's hook, so the process is gone before the hook's call is answered).</summary>
    public void KillNow()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"{Name} did not exit within 20 s of SIGKILL");
    }

    /// <summary>
    /// SIGTERM and waits for the exit; returns the exit code. When it does not stop within <paramref name="grace"/> it is
    /// killed, and <see cref="TimeoutException"/> says so.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
            _ = Kill(_process.Id, SigTerm);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await KillAsync().ConfigureAwait(false);
            throw new TimeoutException($"{Name} did not stop within {grace.TotalSeconds:0} s of SIGTERM");
        }

        // The output pipes may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private AppLine? Find(string marker, int occurrence) =>
        _watched.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).Skip(occurrence - 1).FirstOrDefault();

    private string Diagnostics()
    {
        lock (_gate)
        {
            var tail = string.Join('\n', _tail.TakeLast(25));
            var stderr = _stderr.ToString().Trim();
            return $"\n--- {Name} stdout (last lines) ---\n{tail}" + (stderr.Length > 0 ? $"\n--- {Name} stderr ---\n{stderr}" : "");
        }
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
            return;
        _start.OnLine?.Invoke(stream, line);
        var stdout = stream == "out";
        if (stdout)
            Interlocked.Increment(ref _lineCount);
        var at = Stopwatch.GetElapsedTime(_started);
        lock (_gate)
        {
            if (stdout)
            {
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                    _tail.Dequeue();
            }
            else if (_stderr.Length < 8000)
            {
                _stderr.AppendLine(line);
            }

            if (_start.Markers is { } markers)
            {
                if (!stdout || !markers.Any(m => line.Contains(m, StringComparison.Ordinal)))
                    return;
                _watched.Add(new AppLine(line, at));
            }
            else
            {
                _watched.Add(new AppLine($"{stream}: {line}", at));
            }

            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}
