using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// An <see cref="ILoggerProvider"/> writing every line, at every level, with its structured values and exception
/// text, into a <see cref="LogBook"/> under one source name. It also keeps its most recent lines (a bounded window), for
/// the test that wrote them.
/// </summary>
public sealed class LogBookLoggerProvider(LogBook book, string source) : ILoggerProvider
{
    private const int Kept = 5000;
    private readonly ConcurrentQueue<string> _lines = new();
    private long _errors;

    /// <summary>The most recent lines (up to 5,000).</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public long Errors => Interlocked.Read(ref _errors);

    public ILoggerFactory CreateFactory(LogLevel minimum = LogLevel.Trace) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogBookLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category} {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " | " + string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value}"));
            }

            if (exception is not null)
            {
                line += " | " + exception;
            }

            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref owner._errors);
            }

            owner.Add(line);
        }
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept && _lines.TryDequeue(out _))
        {
        }

        book.Add(source, line);
    }
}
