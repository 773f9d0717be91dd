using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// The secrets check of the whole reliability suite. Every secret handed to a part under test is registered here
/// first; every log line written during the suite (test-process loggers, the app process's stdout, stderr and log
/// files) passes through <see cref="Add"/>, which looks for every registered secret in it at once and keeps only what
/// it found (described without the secret) and counters, so a 10,000-message run costs no memory here. NUnit offers
/// no other way to share an object across fixtures, so the run's book is a process-wide instance (<see cref="Run"/>),
/// like the shared broker; tests only add to it.
/// </summary>
public sealed class LogBook
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _leaks = new();
    private readonly ConcurrentDictionary<string, long> _linesBySource = new(StringComparer.Ordinal);
    private long _lines;
    private long _characters;

    /// <summary>The book of this test run.</summary>
    public static LogBook Run { get; } = new();

    public long LineCount => Interlocked.Read(ref _lines);

    public long Characters => Interlocked.Read(ref _characters);

    /// <summary>Lines per source ("kill-restart app #3 log file app.log", "fuzz listener", ...).</summary>
    public IReadOnlyDictionary<string, long> LinesBySource => new SortedDictionary<string, long>(_linesBySource, StringComparer.Ordinal);

    /// <summary>What kinds of secret were registered (names only, never values).</summary>
    public IReadOnlyCollection<string> SecretKinds => _secrets.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public int SecretCount => _secrets.Count;

    /// <summary>Every line that held a registered secret, described without the secret: "source: the kind appears in ...".</summary>
    public IReadOnlyCollection<string> Leaks => _leaks;

    /// <summary>Registers a secret value before any part that knows it starts; <paramref name="kind"/> names it in reports.</summary>
    public void AddSecret(string kind, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Short values would match by accident; every secret this suite makes is long.
        if (value.Length < 8)
        {
            throw new ArgumentException($"secret '{kind}' is too short to search for reliably", nameof(value));
        }

        _secrets[value] = kind;
    }

    public void Add(string source, string line)
    {
        Interlocked.Increment(ref _lines);
        Interlocked.Add(ref _characters, line.Length);
        _linesBySource.AddOrUpdate(source, 1, static (_, n) => n + 1);
        foreach (var (value, kind) in _secrets)
        {
            if (line.Contains(value, StringComparison.Ordinal))
            {
                var shown = line.Replace(value, "<" + kind + ">", StringComparison.Ordinal);
                _leaks.Enqueue($"{source}: the {kind} appears in: {shown[..Math.Min(300, shown.Length)]}");
            }
        }
    }

    /// <summary>Adds every line of a file (an app log); a missing file adds nothing.</summary>
    public int AddFile(string source, string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var count = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            Add(source, line);
            count++;
        }

        return count;
    }
}
