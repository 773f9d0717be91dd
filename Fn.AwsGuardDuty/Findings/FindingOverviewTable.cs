using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.FindingOverview;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// gd_finding_overview, one row, as the reference: top-level values, then resource_id from the instance,
/// then from the first bucket (the bucket wins).
/// </summary>
internal static class FindingOverviewTable
{
    private static readonly TableSection[] Sections =
    [
        new([], [("Severity", C.Severity), ("Region", C.Region), ("Count", C.Count), ("AccountId", C.AccountId),
            ("ResourceId", C.ResourceId), ("CreatedAt", C.CreatedAt), ("UpdatedAt", C.UpdatedAt)]),
        new(["Resource", "InstanceDetails"], [("InstanceId", C.ResourceId)]),
        new(["Resource", "S3BucketDetails", 0], [("Name", C.ResourceId)]),
    ];

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var row = new RowBuilder(timestamp);
        foreach (var section in Sections)
            section.ApplyTo(finding, row);
        return row.IsEmpty ? [] : [row.ToRow()];
    }
}
