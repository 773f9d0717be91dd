using System.Globalization;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Durations in app.config: a whole number with an optional unit <c>s</c>, <c>m</c> or <c>h</c> (<c>30s</c>,
/// <c>5m</c>, <c>1h</c>). A bare number takes the key's own unit: minutes for the [fn_aws_guardduty] intervals
/// (as in IBM's app), seconds for the [resilient] timeouts and delays (as in resilient-circuits).
/// </summary>
public static class DurationParser
{
    public static bool TryParse(string text, TimeSpan bareUnit, out TimeSpan duration)
    {
        duration = default;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        var unit = bareUnit;
        switch (char.ToLowerInvariant(s[^1]))
        {
            case 's':
                unit = TimeSpan.FromSeconds(1);
                s = s[..^1];
                break;
            case 'm':
                unit = TimeSpan.FromMinutes(1);
                s = s[..^1];
                break;
            case 'h':
                unit = TimeSpan.FromHours(1);
                s = s[..^1];
                break;
        }

        s = s.TrimEnd();
        if (s.Length == 0 || !s.All(char.IsAsciiDigit)
            || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > TimeSpan.MaxValue.Ticks / unit.Ticks / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(count * unit.Ticks);
        return true;
    }

    /// <summary>How a duration is written back into app.config: the largest exact unit.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerHour == 0 && duration > TimeSpan.Zero)
        {
            return $"{(long)duration.TotalHours}h";
        }

        if (duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration > TimeSpan.Zero)
        {
            return $"{(long)duration.TotalMinutes}m";
        }

        return $"{(long)duration.TotalSeconds}s";
    }
}
