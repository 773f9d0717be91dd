using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Refresh;

/// <summary>
/// The one query that finds the incidents of GuardDuty findings: finding id in the batch, same detector and region.
/// The poller's per-batch lookup and the attack-sequence linking both send it, so they agree on which incident a
/// finding has.
/// </summary>
public static class FindingIncidentQuery
{
    public static QueryRequest For(string region, string detectorId, IEnumerable<string> findingIds) => QueryRequest.Where(
        SoarFilter.In(SoarFilter.Property(IncidentFields.FindingId), findingIds.Select(id => (JToken)id)),
        SoarFilter.Equal(SoarFilter.Property(IncidentFields.DetectorId), detectorId),
        SoarFilter.Equal(SoarFilter.Property(IncidentFields.Region), region));

    /// <summary>Where a finding has several incidents (the reference could duplicate): the open one, then the oldest.</summary>
    public static bool Better(long candidateId, bool candidateOpen, long currentId, bool currentOpen) =>
        candidateOpen != currentOpen ? candidateOpen : candidateId < currentId;
}
