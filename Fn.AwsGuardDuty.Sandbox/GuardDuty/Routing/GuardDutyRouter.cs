using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

/// <summary>
/// The routing table of guardduty-wire.md §9.2 over the raw (percent-encoded) path; labels are URL-decoded after
/// splitting, so an id containing <c>%2F</c> stays one label. Note <c>POST .../ipset/{id}</c> is UpdateIPSet.
/// </summary>
public static class GuardDutyRouter
{
    private static readonly string[] FindingActions = ["get", "archive", "unarchive", "feedback", "statistics", "create"];

    public static GuardDutyRoute? Match(string method, string rawPath)
    {
        var segments = rawPath.Split('/');
        if (MalwareRoute(method, segments) is { } malware)
        {
            return malware;
        }

        if (segments.Length < 2 || segments[0].Length != 0 || segments[1] != "detector")
        {
            return null;
        }

        var labels = segments.Skip(2).ToArray();
        if (labels.Any(label => label.Length == 0))
        {
            return null;
        }

        var detectorId = labels.Length > 0 ? Decode(labels[0]) : null;
        return (method, labels.Length) switch
        {
            ("GET", 0) => new GuardDutyRoute(GuardDutyOperation.ListDetectors),
            ("POST", 0) => new GuardDutyRoute(GuardDutyOperation.CreateDetector),
            ("GET", 1) => new GuardDutyRoute(GuardDutyOperation.GetDetector, detectorId),
            ("DELETE", 1) => new GuardDutyRoute(GuardDutyOperation.DeleteDetector, detectorId),
            ("POST", 2) when labels[1] == "findings" => new GuardDutyRoute(GuardDutyOperation.ListFindings, detectorId),
            ("POST", 3) when labels[1] == "findings" && FindingActions.Contains(labels[2]) => new GuardDutyRoute(FindingOperation(labels[2]), detectorId),
            (_, 2 or 3) when labels[1] == "filter" => FilterRoute(method, labels, detectorId!),
            ("GET", 2) when labels[1] == "member" => new GuardDutyRoute(GuardDutyOperation.ListMembers, detectorId),
            ("POST", 2) when labels[1] == "coverage" => new GuardDutyRoute(GuardDutyOperation.ListCoverage, detectorId),
            ("POST", 3) when labels[1] == "coverage" && labels[2] == "statistics" => new GuardDutyRoute(GuardDutyOperation.GetCoverageStatistics, detectorId),
            (_, 2 or 3) => ThreatListRoute(method, labels, detectorId!),
            _ => null,
        };
    }

    private static GuardDutyRoute? ThreatListRoute(string method, string[] labels, string detectorId)
    {
        var kind = labels[1] switch
        {
            "ipset" => ThreatListKind.IpSet,
            "threatintelset" => ThreatListKind.ThreatIntelSet,
            "threatentityset" => ThreatListKind.ThreatEntitySet,
            "trustedentityset" => ThreatListKind.TrustedEntitySet,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var setId = labels.Length == 3 ? Decode(labels[2]) : null;
        var operation = (method, setId is null) switch
        {
            ("GET", true) => $"List{kind.Name}s",
            ("POST", true) => $"Create{kind.Name}",
            ("GET", false) => $"Get{kind.Name}",
            ("POST", false) => $"Update{kind.Name}",
            ("DELETE", false) => $"Delete{kind.Name}",
            _ => null,
        };
        return operation is null ? null : new GuardDutyRoute(operation, detectorId, kind, setId);
    }

    /// <summary>Filters by name: the name travels in <see cref="GuardDutyRoute.ThreatListId"/>.</summary>
    private static GuardDutyRoute? FilterRoute(string method, string[] labels, string detectorId)
    {
        var name = labels.Length == 3 ? Decode(labels[2]) : null;
        var operation = (method, name is null) switch
        {
            ("GET", true) => GuardDutyOperation.ListFilters,
            ("POST", true) => GuardDutyOperation.CreateFilter,
            ("GET", false) => GuardDutyOperation.GetFilter,
            ("POST", false) => GuardDutyOperation.UpdateFilter,
            ("DELETE", false) => GuardDutyOperation.DeleteFilter,
            _ => null,
        };
        return operation is null ? null : new GuardDutyRoute(operation, detectorId, ThreatListId: name);
    }

    /// <summary>The malware scan operations, which name no detector: the scan id travels in <see cref="GuardDutyRoute.ThreatListId"/>.</summary>
    private static GuardDutyRoute? MalwareRoute(string method, string[] segments) => (method, segments) switch
    {
        ("POST", ["", "malware-scan", "start"]) => new GuardDutyRoute(GuardDutyOperation.StartMalwareScan),
        ("GET", ["", "malware-scan", { Length: > 0 } scanId]) => new GuardDutyRoute(GuardDutyOperation.GetMalwareScan, ThreatListId: Decode(scanId)),
        ("POST", ["", "object-malware-scan", "send"]) => new GuardDutyRoute(GuardDutyOperation.SendObjectMalwareScan),
        _ => null,
    };

    private static string FindingOperation(string action) => action switch
    {
        "get" => GuardDutyOperation.GetFindings,
        "archive" => GuardDutyOperation.ArchiveFindings,
        "unarchive" => GuardDutyOperation.UnarchiveFindings,
        "feedback" => GuardDutyOperation.UpdateFindingsFeedback,
        "statistics" => GuardDutyOperation.GetFindingsStatistics,
        _ => GuardDutyOperation.CreateSampleFindings,
    };

    private static string Decode(string label) => Uri.UnescapeDataString(label);
}
