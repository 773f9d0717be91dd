using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.InstanceDetails;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// gd_instance_details: the instance's id, type and state, and one row per network interface (the reference
/// keeps only the first interface; §8 #13). An instance without interfaces gives one row.
/// </summary>
internal static class InstanceDetailsTable
{
    private static readonly TableSection InstanceSection = new(["Resource", "InstanceDetails"],
        [("InstanceId", C.InstanceId), ("InstanceType", C.Type), ("InstanceState", C.InstanceState)]);

    private static readonly (string Key, string Column)[] InterfaceFields =
    [
        ("PrivateIpAddress", C.PrivateIp), ("PrivateDnsName", C.PrivateDnsName),
        ("PublicIp", C.PublicIp), ("PublicDnsName", C.PublicDnsName),
    ];

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var instance = new RowBuilder(timestamp);
        InstanceSection.ApplyTo(finding, instance);

        var rows = new List<DataTableRow>();
        if (FindingSearch.Node(finding, "Resource", "InstanceDetails", "NetworkInterfaces") is JArray interfaces)
        {
            for (var i = 0; i < interfaces.Count; i++)
            {
                if (interfaces[i] is not JObject)
                    continue;
                var row = instance.Clone();
                new TableSection(["Resource", "InstanceDetails", "NetworkInterfaces", i], InterfaceFields).ApplyTo(finding, row);
                if (!row.IsEmpty)
                    rows.Add(row.ToRow());
            }
        }
        if (rows.Count == 0 && !instance.IsEmpty)
            rows.Add(instance.ToRow());
        return rows;
    }
}
