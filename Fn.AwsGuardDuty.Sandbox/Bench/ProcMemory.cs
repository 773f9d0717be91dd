using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>A process's resident memory from <c>/proc/&lt;pid&gt;/status</c>: VmRSS now and VmHWM (the peak so far), in bytes.</summary>
public sealed record ProcMemory(long RssBytes, long PeakRssBytes)
{
    public double RssMegabytes => RssBytes / (1024.0 * 1024.0);

    public double PeakRssMegabytes => PeakRssBytes / (1024.0 * 1024.0);

    /// <summary>Null when the process is gone or /proc is not there (not Linux).</summary>
    public static ProcMemory? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(text);
    }

    public static ProcMemory? Parse(string status)
    {
        long? rss = null, hwm = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
        }

        return rss is { } r && hwm is { } h ? new ProcMemory(r * 1024, h * 1024) : null;
    }

    private static long Kilobytes(string line)
    {
        // "VmRSS:	   51234 kB"
        var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
