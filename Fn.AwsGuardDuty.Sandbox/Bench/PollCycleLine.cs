using System.Globalization;
using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>The poller's one summary line per cycle, as the app logs it ("Poll cycle: 4 region(s), ... 1234 ms").</summary>
public sealed partial record PollCycleLine(int Regions, long Seen, long Created, long Unchanged, long Errors, long GuardDutyCalls, long SoarCalls,
    [property: Newtonsoft.Json.JsonIgnore] TimeSpan Duration)
{
    public long DurationMs => (long)Duration.TotalMilliseconds;

    public const string Marker = "Poll cycle:";

    public static PollCycleLine Parse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"not a poll cycle summary line: {line}");
        }

        long N(string group) => long.Parse(match.Groups[group].Value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new PollCycleLine((int)N("regions"), N("seen"), N("created"), N("unchanged"), N("errors"), N("gd"), N("soar"),
            TimeSpan.FromMilliseconds(N("ms")));
    }

    [GeneratedRegex(@"Poll cycle: (?<regions>\d+) region\(s\), \d+ detector\(s\), (?<seen>\d+) finding\(s\) seen, (?<created>\d+) created, \d+ refreshed, \d+ reopened, (?<unchanged>\d+) unchanged, \d+ closed, \d+ skipped, (?<errors>\d+) error\(s\), (?<gd>\d+) GuardDuty call\(s\), (?<soar>\d+) SOAR call\(s\), (?<ms>\d+) ms")]
    private static partial Regex Pattern();
}
