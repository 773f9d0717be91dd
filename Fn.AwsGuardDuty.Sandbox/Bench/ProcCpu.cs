using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>
/// CPU time (user + system) a process and its descendants have used, from <c>/proc/&lt;pid&gt;/stat</c>. On a busy
/// machine wall-clock figures swell with other processes' load; CPU time per operation does not, so the bench reports
/// both and says whose CPU it was (app, broker, emulators).
/// </summary>
public static class ProcCpu
{
    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU time of the process and every descendant; <see cref="TimeSpan.Zero"/> when /proc cannot be read.</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Of(pid);
        foreach (var child in Children(pid))
        {
            total += OfTree(child);
        }

        return total;
    }

    public static TimeSpan Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Context switches (voluntary + involuntary) of the process's live threads, from each
    /// <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/status</c>. Each is a thread going to sleep or being preempted: for an
    /// I/O-bound app, switches per operation count its hand-offs between threads, and carry over to other machines.
    /// A thread that ends between two readings takes its count with it, so this is a lower bound.
    /// </summary>
    public static long ContextSwitches(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        long total = 0;
        foreach (var task in tasks)
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                        || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var children = new List<int>();
        foreach (var task in tasks)
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => int.Parse(id, CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The task ended meanwhile.
            }
        }

        return children;
    }
}
