using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// Every secret handed to a part under test and every log line written during the reliability suite (test-process
/// loggers, the app process's stdout, stderr and log files), so one test can check, at the end of the run, that no
/// secret ever reached a log line. NUnit offers no other way to share an object across fixtures, so the run's book
/// is a process-wide instance (<see cref="Run"/>), like the shared broker; each test adds to it and never removes.
/// </summary>
public sealed class LogBook
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Source, string Line)> _lines = new();
    private long _characters;

    /// <summary>The book of this test run.</summary>
    public static LogBook Run { get; } = new();

    public int LineCount => _lines.Count;

    public long Characters => Interlocked.Read(ref _characters);

    /// <summary>The distinct sources that wrote lines ("listener", "app process #3 log file", ...).</summary>
    public IReadOnlyCollection<string> Sources => _lines.Select(l => l.Source).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What kinds of secret were registered (names only, never values).</summary>
    public IReadOnlyCollection<string> SecretKinds => _secrets.Values.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Registers a secret value; <paramref name="kind"/> names it in failure messages (the value never is).</summary>
    public void AddSecret(string kind, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            // Short values would match by accident; every secret this suite makes is long.
            if (value.Length < 8)
            {
                throw new ArgumentException($"secret '{kind}' is too short to search for reliably", nameof(value));
            }

            _secrets[value] = kind;
        }
    }

    public void Add(string source, string line)
    {
        _lines.Enqueue((source, line));
        Interlocked.Add(ref _characters, line.Length);
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

    /// <summary>Every line that holds a registered secret, described without the secret: "source: kind in line N".</summary>
    public IReadOnlyList<string> Leaks()
    {
        var secrets = _secrets.ToArray();
        var leaks = new List<string>();
        var index = 0;
        foreach (var (source, line) in _lines)
        {
            index++;
            foreach (var (value, kind) in secrets)
            {
                if (line.Contains(value, StringComparison.Ordinal))
                {
                    leaks.Add($"{source}: the {kind} appears in line {index} ({line.Replace(value, "<" + kind + ">", StringComparison.Ordinal)[..Math.Min(200, line.Length)]})");
                }
            }
        }

        return leaks;
    }
}
