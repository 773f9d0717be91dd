using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>A data table entry of <c>types[]</c> (type_id 8, parent incident) with every column.</summary>
internal static class DataTableJson
{
    private const int ColumnWidth = 150;

    // gd_action_details display slots the reference export fixes (guardduty-app.md §5.5); the rest fill the free slots in definition order.
    private static readonly Dictionary<string, int> ActionDetailsOrder = new(StringComparer.Ordinal)
    {
        [DataTables.QueryExecutionDate] = 0,
        [DataTables.ActionDetails.ActionType] = 1,
        [DataTables.ActionDetails.ActionApi] = 2,
        [DataTables.ActionDetails.ConnectionDirection] = 3,
        [DataTables.ActionDetails.ServiceName] = 4,
        [DataTables.ActionDetails.ActorCallerType] = 7,
        [DataTables.ActionDetails.RemoteIp] = 8,
        [DataTables.ActionDetails.RemotePort] = 11,
        [DataTables.ActionDetails.DnsBlocked] = 14,
        [DataTables.ActionDetails.AsnOrg] = 15,
        [DataTables.ActionDetails.CityName] = 16,
        [DataTables.ActionDetails.CountryName] = 17,
        [DataTables.ActionDetails.Asn] = 18,
    };

    public static string Uuid(DataTableDefinition table) => table.Uuid ?? StableUuid.For("type/" + table.Name);

    public static JObject Table(DataTableDefinition table)
    {
        var fields = new JObject();
        foreach (var (column, order) in Orders(table))
            fields[column.Name] = FieldJson.Column(table.Name, column, order, ColumnWidth);

        return new JObject
        {
            ["actions"] = new JArray(),
            ["display_name"] = table.DisplayName,
            ["export_key"] = table.Name,
            ["fields"] = fields,
            ["for_actions"] = false,
            ["for_custom_fields"] = false,
            ["for_notifications"] = false,
            ["for_workflows"] = false,
            ["id"] = null,
            ["parent_types"] = new JArray("incident"),
            ["properties"] = new JObject { ["can_create"] = false, ["can_destroy"] = false, ["for_who"] = new JArray() },
            ["scripts"] = new JArray(),
            ["tags"] = new JArray(),
            ["type_id"] = 8,
            ["type_name"] = table.Name,
            ["uuid"] = Uuid(table),
        };
    }

    /// <summary>Display order: query_execution_date first (as every reference table), then the definition's order, with gd_action_details' known slots.</summary>
    public static IEnumerable<(DataTableColumn Column, int Order)> Orders(DataTableDefinition table)
    {
        var fixedOrders = table.Name == DataTables.ActionDetails.Name
            ? ActionDetailsOrder
            : new Dictionary<string, int>(StringComparer.Ordinal) { [DataTables.QueryExecutionDate] = 0 };
        var free = Enumerable.Range(0, table.Columns.Count).Where(i => !fixedOrders.ContainsValue(i)).GetEnumerator();
        foreach (var column in table.Columns)
        {
            if (fixedOrders.TryGetValue(column.Name, out var order))
            {
                yield return (column, order);
                continue;
            }

            free.MoveNext();
            yield return (column, free.Current);
        }
    }
}
