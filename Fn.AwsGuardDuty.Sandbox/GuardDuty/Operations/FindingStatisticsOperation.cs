using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// GetFindingsStatistics. Either <c>findingStatisticTypes</c> (COUNT_BY_SEVERITY → <c>countBySeverity</c>, keys like
/// "8.0") or <c>groupBy</c>, never both; <c>maxResults</c> (1-100, default 25) and <c>orderBy</c> (by totalFindings,
/// default DESC) only with groupBy. Timestamps in the groups are epoch seconds (model <c>timestamp</c>).
/// </summary>
internal sealed class FindingStatisticsOperation(GuardDutyEmulatorState state)
{
    private static readonly string[] GroupByValues = ["ACCOUNT", "DATE", "FINDING_TYPE", "RESOURCE", "SEVERITY"];

    public JObject Execute(GuardDutyCall call)
    {
        var statisticTypes = call.Body.OptionalStringList("findingStatisticTypes", 10, 0, int.MaxValue);
        if (statisticTypes is not null && statisticTypes.Any(type => type != "COUNT_BY_SEVERITY"))
        {
            throw GuardDutyErrors.InvalidParameter("findingStatisticTypes");
        }

        var groupBy = call.Body.OptionalEnum("groupBy", GroupByValues);
        var orderBy = call.Body.OptionalEnum("orderBy", "ASC", "DESC");
        var maxResults = call.Body.OptionalInt("maxResults", 1, 100);
        var criteria = new FindingCriteriaParser(state.Catalog).Parse(call.Body.Raw("findingCriteria"));
        if ((statisticTypes is { Count: > 0 }) == (groupBy is not null))
        {
            throw GuardDutyErrors.BadRequest("The request is rejected because you must provide either findingStatisticTypes or groupBy, and not both.");
        }

        if (groupBy is null && (orderBy is not null || maxResults is not null))
        {
            throw GuardDutyErrors.BadRequest("The request is rejected because maxResults and orderBy can only be used with groupBy.");
        }

        List<StoredFinding> findings;
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            findings = state.FindingScope(detector).SelectMany(d => d.Findings.Values).Where(criteria.Matches).ToList();
        }

        var statistics = groupBy is null
            ? new JObject { ["countBySeverity"] = CountBySeverity(findings) }
            : Grouped(findings, groupBy, orderBy != "ASC", maxResults ?? 25);
        return new JObject { ["findingStatistics"] = statistics };
    }

    public static string SeverityKey(double severity) => severity.ToString("0.0###", CultureInfo.InvariantCulture);

    private static JObject CountBySeverity(List<StoredFinding> findings)
    {
        var counts = new JObject();
        foreach (var group in findings.GroupBy(Severity).OrderBy(group => group.Key))
        {
            counts[SeverityKey(group.Key)] = group.Count();
        }

        return counts;
    }

    private static JObject Grouped(List<StoredFinding> findings, string groupBy, bool descending, int maxResults)
    {
        var groups = findings.GroupBy(finding => GroupKey(finding, groupBy)).Select(group => Group(group.Key, group.ToList(), groupBy));
        groups = descending
            ? groups.OrderByDescending(group => group.Value<int>("totalFindings")).ThenBy(group => group.ToString(Newtonsoft.Json.Formatting.None), StringComparer.Ordinal)
            : groups.OrderBy(group => group.Value<int>("totalFindings")).ThenBy(group => group.ToString(Newtonsoft.Json.Formatting.None), StringComparer.Ordinal);
        var member = groupBy switch
        {
            "ACCOUNT" => "groupedByAccount",
            "DATE" => "groupedByDate",
            "FINDING_TYPE" => "groupedByFindingType",
            "RESOURCE" => "groupedByResource",
            _ => "groupedBySeverity",
        };
        return new JObject { [member] = new JArray(groups.Take(maxResults)) };
    }

    private static string GroupKey(StoredFinding finding, string groupBy) => groupBy switch
    {
        "ACCOUNT" => Text(finding, "accountId"),
        "DATE" => UpdatedAt(finding).UtcDateTime.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "FINDING_TYPE" => Text(finding, "type"),
        "RESOURCE" => $"{Text(finding, "accountId")}\u0001{ResourceType(finding)}\u0001{ResourceId(finding)}",
        _ => SeverityKey(Severity(finding)),
    };

    private static JObject Group(string key, List<StoredFinding> members, string groupBy)
    {
        var first = members[0];
        var group = groupBy switch
        {
            "ACCOUNT" => new JObject { ["accountId"] = key },
            "DATE" => new JObject
            {
                ["date"] = IsoTimestamp.EpochSeconds(new DateTimeOffset(UpdatedAt(first).UtcDateTime.Date, TimeSpan.Zero)),
                ["severity"] = members.Max(Severity),
            },
            "FINDING_TYPE" => new JObject { ["findingType"] = key },
            "RESOURCE" => new JObject
            {
                ["accountId"] = Text(first, "accountId"),
                ["resourceId"] = ResourceId(first),
                ["resourceType"] = ResourceType(first),
            },
            _ => new JObject { ["severity"] = Severity(first) },
        };
        group["lastGeneratedAt"] = IsoTimestamp.EpochSeconds(members.Max(UpdatedAt));
        group["totalFindings"] = members.Count;
        return group;
    }

    private static string Text(StoredFinding finding, string path) =>
        finding.Values(path) is { Count: > 0 } values ? FindingValues.Text(values[0]) : "";

    private static double Severity(StoredFinding finding) =>
        finding.Values("severity") is { Count: > 0 } values && FindingValues.TryNumber(values[0], false, out var severity) ? (double)severity : 0;

    private static DateTimeOffset UpdatedAt(StoredFinding finding) =>
        IsoTimestamp.TryParse(Text(finding, "updatedAt"), out var value) ? value : DateTimeOffset.UnixEpoch;

    private static string ResourceType(StoredFinding finding) => Text(finding, "resource.resourceType");

    private static string ResourceId(StoredFinding finding) =>
        new[] { "resource.instanceDetails.instanceId", "resource.accessKeyDetails.accessKeyId", "resource.s3BucketDetails.name", "resource.eksClusterDetails.name" }
            .Select(path => Text(finding, path)).FirstOrDefault(id => id.Length > 0) ?? ResourceType(finding);
}
