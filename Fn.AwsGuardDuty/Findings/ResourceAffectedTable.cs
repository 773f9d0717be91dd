using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.ResourceAffected;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>gd_resource_affected, one row, as the reference.</summary>
internal static class ResourceAffectedTable
{
    private static readonly TableSection[] Sections =
    [
        new(["Resource"], [("ResourceType", C.ResourceType)]),
        new(["Service"], [("ResourceRole", C.ResourceRole)]),
        new(["Resource", "InstanceDetails"], [("InstanceId", C.InstanceId), ("InstanceType", C.InstanceType)]),
    ];

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var row = new RowBuilder(timestamp);
        foreach (var section in Sections)
            section.ApplyTo(finding, row);
        return row.IsEmpty ? [] : [row.ToRow()];
    }
}
