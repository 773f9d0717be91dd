using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.GuardDuty.Criteria;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// What the poller asks GuardDuty for and what it keeps: unarchived findings, severity at or above the threshold, the
/// updatedAt window sorted ascending, and the type include/exclude regexes (applied here, because criteria only match
/// exact values). A fractional threshold is asked as its floor and checked exactly here.
/// </summary>
public sealed class FindingFilter(double? severityThreshold, Regex? includeTypes, Regex? excludeTypes)
{
    public FindingCriteria Criteria(long? updatedSinceMs)
    {
        var criteria = new FindingCriteria().Archived(false);
        if (severityThreshold is { } threshold)
            criteria.GreaterThanOrEqual("severity", (long)Math.Floor(threshold));
        if (updatedSinceMs is { } since)
            criteria.GreaterThanOrEqual("updatedAt", Math.Max(since, 0));
        return criteria;
    }

    public static SortCriteria Sort => SortCriteria.UpdatedAtAscending;

    /// <summary>Null when the finding is to be escalated, else why not.</summary>
    public string? Rejects(PolledFinding finding)
    {
        if (finding.Archived) return "archived";
        if (severityThreshold is { } threshold && (finding.Severity ?? 0) < threshold)
            return $"severity {finding.Severity} is below the threshold {threshold}";
        var type = finding.Type ?? "";
        if (includeTypes is not null && !includeTypes.IsMatch(type)) return $"type {type} is not in aws_gd_finding_types";
        if (excludeTypes is not null && excludeTypes.IsMatch(type)) return $"type {type} is in aws_gd_exclude_finding_types";
        return null;
    }
}
