using System.Globalization;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>
/// systemd's watchdog request, as sd_watchdog_enabled(3) reads it: <c>WATCHDOG_USEC</c> (the unit's WatchdogSec) and,
/// when set, <c>WATCHDOG_PID</c>, which must be this process. The keep-alive goes out every half of the timeout, as
/// systemd.service(5) advises. <see cref="FeedInterval"/> is null when no watchdog is asked for.
/// </summary>
public sealed record SystemdWatchdog(TimeSpan? FeedInterval)
{
    public static SystemdWatchdog FromEnvironment(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!ulong.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds == 0)
        {
            return new SystemdWatchdog((TimeSpan?)null);
        }

        if (variable("WATCHDOG_PID") is { Length: > 0 } pid
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != processId))
        {
            return new SystemdWatchdog((TimeSpan?)null);
        }

        return new SystemdWatchdog(TimeSpan.FromTicks((long)Math.Min(microseconds * 10 / 2, (ulong)TimeSpan.MaxValue.Ticks)));
    }

    public static SystemdWatchdog FromProcess() => FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId);
}
