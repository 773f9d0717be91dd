namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>Samples a process's VmRSS every few hundred milliseconds until disposed: when the memory peaks, not only how high.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(double Seconds, double Megabytes)> _samples = [];

    private RssSampler(int pid, TimeSpan interval)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ProcMemory.Read(pid) is { } memory)
                {
                    lock (_samples) _samples.Add((clock.Elapsed.TotalSeconds, memory.RssMegabytes));
                }

                try
                {
                    await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public static RssSampler Start(int pid, TimeSpan? interval = null) => new(pid, interval ?? TimeSpan.FromMilliseconds(250));

    /// <summary>About <paramref name="points"/> samples spread over the run, "seconds: MB".</summary>
    public IReadOnlyList<string> Timeline(int points = 20)
    {
        lock (_samples)
        {
            var step = Math.Max(1, _samples.Count / points);
            return _samples.Where((_, i) => i % step == 0).Select(s => $"{s.Seconds:0.0}s: {s.Megabytes:0} MB").ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
