using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// The built <c>fn-aws-guardduty run -c CONFIG</c> as a child process, as an operator runs it: its own memory (read
/// from /proc), its stdout read line by line. Lines containing one of the watched markers are kept with the time they
/// arrived; the rest only feed a short tail for error messages. Disposing stops it (SIGTERM, then SIGKILL).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int TailLines = 60;

    private readonly Process _process;
    private readonly IReadOnlyList<string> _markers;
    private readonly long _started;
    private readonly Lock _gate = new();
    private readonly List<AppLine> _watched = [];
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _stderr = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lineCount;

    private AppProcess(Process process, IReadOnlyList<string> markers, long started)
    {
        _process = process;
        _markers = markers;
        _started = started;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines read from stdout so far.</summary>
    public long LineCount => Interlocked.Read(ref _lineCount);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Starts the app; <paramref name="markers"/> are the substrings of stdout lines to keep for <see cref="WaitForAsync"/>.</summary>
    public static AppProcess Start(string executable, string configPath, string home, params string[] markers) =>
        Start(executable, configPath, home, new Dictionary<string, string>(), markers);

    /// <summary>As <see cref="Start(string, string, string, string[])"/>, with extra environment variables (e.g. runtime knobs to compare).</summary>
    public static AppProcess Start(string executable, string configPath, string home, IReadOnlyDictionary<string, string> environment, params string[] markers)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"the app executable {executable} does not exist (build Fn.AwsGuardDuty, or pass --app)");
        }

        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(configPath);
        // Only what the bench means: no inherited app.config location, log level or log directory.
        info.Environment.Remove("APP_CONFIG_FILE");
        info.Environment.Remove("LOGLEVEL");
        info.Environment.Remove("APP_LOG_DIR");
        info.Environment["HOME"] = home;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        var app = new AppProcess(process, markers, started);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public ProcMemory? Memory() => ProcMemory.Read(_process.Id);

    /// <summary>The watched lines containing <paramref name="marker"/> so far.</summary>
    public IReadOnlyList<AppLine> Lines(string marker)
    {
        lock (_gate)
        {
            return _watched.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>
    /// Waits for the <paramref name="occurrence"/>-th watched line containing <paramref name="marker"/>. Throws
    /// <see cref="TimeoutException"/> (or <see cref="InvalidOperationException"/> when the app exits) with the output's tail.
    /// </summary>
    public async Task<AppLine> WaitForAsync(string marker, TimeSpan timeout, CancellationToken cancellationToken, int occurrence = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var seen = _watched.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).Skip(occurrence - 1).FirstOrDefault();
                if (seen is not null) return seen;
                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                // Output may still be draining; one last short wait before giving up.
                await Task.WhenAny(changed, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_watched.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).Skip(occurrence - 1).FirstOrDefault() is { } late) return late;
                }

                throw new InvalidOperationException($"the app exited with code {_process.ExitCode} before \"{marker}\"{Diagnostics()}");
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no \"{marker}\" from the app within {timeout.TotalSeconds:0} s{Diagnostics()}");
            }

            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken))
                .ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private string Diagnostics()
    {
        lock (_gate)
        {
            var tail = string.Join('\n', _tail.TakeLast(25));
            var stderr = _stderr.ToString().Trim();
            return $"\n--- app stdout (last lines) ---\n{tail}" + (stderr.Length > 0 ? $"\n--- app stderr ---\n{stderr}" : "");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        Interlocked.Increment(ref _lineCount);
        var at = Stopwatch.GetElapsedTime(_started);
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
            if (!_markers.Any(m => line.Contains(m, StringComparison.Ordinal))) return;
            _watched.Add(new AppLine(line, at));
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    private void OnError(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            if (_stderr.Length < 8000) _stderr.AppendLine(line);
        }
    }
}
