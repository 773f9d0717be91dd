using Fn.AwsGuardDuty.GuardDuty.Criteria;

namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>
/// GetFindingsStatistics. Either <see cref="GroupBy"/> (ACCOUNT | DATE | FINDING_TYPE | RESOURCE | SEVERITY, with optional
/// <see cref="OrderBy"/>/<see cref="MaxResults"/>) or the deprecated <see cref="FindingStatisticTypes"/>, not both.
/// </summary>
public sealed record FindingStatisticsRequest
{
    public FindingCriteria? Criteria { get; init; }

    public string? GroupBy { get; init; }

    public SortOrder? OrderBy { get; init; }

    /// <summary>1–100.</summary>
    public int? MaxResults { get; init; }

    /// <summary>Deprecated; e.g. <c>COUNT_BY_SEVERITY</c>.</summary>
    public IReadOnlyList<string>? FindingStatisticTypes { get; init; }
}
