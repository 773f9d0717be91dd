using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.AccessKeyDetails;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>gd_access_key_details, one row, as the reference.</summary>
internal static class AccessKeyDetailsTable
{
    private static readonly TableSection Section = new(["Resource", "AccessKeyDetails"],
        [("AccessKeyId", C.AccessKeyId), ("PrincipalId", C.PrincipalId), ("UserType", C.UserType), ("UserName", C.UserName)]);

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var row = new RowBuilder(timestamp);
        Section.ApplyTo(finding, row);
        return row.IsEmpty ? [] : [row.ToRow()];
    }
}
