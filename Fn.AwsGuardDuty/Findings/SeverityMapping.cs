using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// GuardDuty severity to SOAR <c>severity_code</c> with no gaps and no exceptions (fixes guardduty-app.md §8 #8):
/// below 4.0 Low, below 7.0 Medium, otherwise High. GuardDuty's Critical band (9.0-10.0) is High; the exact
/// number stays in <see cref="IncidentFields.Severity"/>. Values outside 0-10 are clamped into the nearest band;
/// a missing or non-numeric severity is Low.
/// </summary>
public static class SeverityMapping
{
    public const string Low = "Low";
    public const string Medium = "Medium";
    public const string High = "High";

    public const double MediumFrom = 4.0;
    public const double HighFrom = 7.0;
    public const double CriticalFrom = 9.0;

    public static string ToSeverityCode(double severity)
    {
        if (double.IsNaN(severity) || severity < MediumFrom)
            return Low;
        return severity < HighFrom ? Medium : High;
    }

    /// <summary>Maps the finding's <c>Severity</c> member as it comes (number, numeric text, or absent).</summary>
    public static string ToSeverityCode(JToken? severity) =>
        TryRead(severity, out var value) ? ToSeverityCode(value) : Low;

    /// <summary>True for GuardDuty's Critical band (9.0 and above).</summary>
    public static bool IsCritical(double severity) => severity >= CriticalFrom;

    public static bool TryRead(JToken? token, out double severity)
    {
        severity = 0;
        switch (token?.Type)
        {
            case JTokenType.Integer:
            case JTokenType.Float:
                severity = (double)token;
                return !double.IsNaN(severity);
            case JTokenType.String:
                return double.TryParse((string?)token, NumberStyles.Float, CultureInfo.InvariantCulture, out severity)
                       && !double.IsNaN(severity);
            default:
                return false;
        }
    }
}
