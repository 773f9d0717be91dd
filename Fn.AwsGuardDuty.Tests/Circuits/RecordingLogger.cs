using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>Keeps every formatted log line, so a test can wait for the line that proves a path ran.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _added = new(0);

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Count(string fragment) => _lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Waits until at least <paramref name="count"/> lines contain <paramref name="fragment"/>.</summary>
    public async Task WaitForAsync(string fragment, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Count(fragment) < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no {count} log line(s) with \"{fragment}\"; lines:\n{string.Join('\n', _lines)}");
            }

            await _added.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        _added.Release();
    }
}
