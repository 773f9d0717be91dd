using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary>
/// Data-table rows of an incident. An unknown table is a 404, an unknown column or a cell not shaped
/// <c>{"value": v}</c> a 400. PUT replaces the row's cells and bumps its version (a stale <c>version</c> is a 409).
/// </summary>
internal sealed class SoarTableEndpoints
{
    private const string Base = "/rest/orgs/{org}/incidents/{id}/table_data/{table}";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("GET", Base, GetTable),
        new("POST", Base + "/row_data", AddRow),
        new("PUT", Base + "/row_data/{row}", UpdateRow),
        new("DELETE", Base + "/row_data/{row}", DeleteRow),
    ];

    private static Task<SoarResult> GetTable(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            var table = FindTable(org, request.Value("table"));
            var rows = incident.Tables?.GetValueOrDefault(table.TypeName) ?? [];
            return Task.FromResult(SoarResult.Ok(new JObject
            {
                ["id"] = table.Id,
                ["table_name"] = table.TypeName,
                ["rows"] = new JArray(rows.Select(r => SoarRenderer.Row(table, r, request.Names))),
            }));
        }
    }

    private static async Task<SoarResult> AddRow(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            var table = FindTable(org, request.Value("table"));
            var row = new SoarTableRowRecord { Id = org.NextChildId(), Cells = ReadCells(table, body) };
            incident.Tables ??= new Dictionary<string, List<SoarTableRowRecord>>(StringComparer.Ordinal);
            if (!incident.Tables.TryGetValue(table.TypeName, out var rows))
            {
                incident.Tables[table.TypeName] = rows = [];
            }

            rows.Add(row);
            return SoarResult.Ok(SoarRenderer.Row(table, row, request.Names));
        }
    }

    private static async Task<SoarResult> UpdateRow(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        var rowId = request.Id("row");
        lock (org.Gate)
        {
            var (table, _, row) = FindRow(org, id, request.Value("table"), rowId);
            if (body["version"] is { Type: JTokenType.Integer } version && version.Value<int>() != row.Version)
            {
                throw SoarHttpException.Conflict($"Row {rowId} has been modified since version {version.Value<int>()} (current version {row.Version}).");
            }

            var cells = ReadCells(table, body);
            foreach (var (column, value) in cells)
            {
                row.Cells[column] = value;
            }

            row.Version++;
            return SoarResult.Ok(SoarRenderer.Row(table, row, request.Names));
        }
    }

    private static Task<SoarResult> DeleteRow(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        var rowId = request.Id("row");
        lock (org.Gate)
        {
            var (_, rows, row) = FindRow(org, id, request.Value("table"), rowId);
            rows.Remove(row);
            return Task.FromResult(SoarResult.Ok(new JObject { ["success"] = true, ["title"] = null, ["message"] = null, ["hints"] = new JArray() }));
        }
    }

    private static (SoarDataTableDefinition, List<SoarTableRowRecord>, SoarTableRowRecord) FindRow(SoarOrgState org, long incidentId, string tableName, long rowId)
    {
        var incident = SoarIncidentEndpoints.Find(org, incidentId);
        var table = FindTable(org, tableName);
        var rows = incident.Tables?.GetValueOrDefault(table.TypeName);
        var row = rows?.FirstOrDefault(r => r.Id == rowId)
            ?? throw SoarHttpException.NotFound($"Row {rowId} was not found in table '{table.TypeName}' of incident {incidentId}.");
        return (table, rows!, row);
    }

    private static SoarDataTableDefinition FindTable(SoarOrgState org, string name) =>
        org.Schema.Tables.GetValueOrDefault(name)
        ?? org.Schema.Tables.Values.FirstOrDefault(t => t.Id.ToString() == name)
        ?? throw SoarHttpException.NotFound($"Data table '{name}' does not exist in org {org.Id}.");

    private static Dictionary<string, object?> ReadCells(SoarDataTableDefinition table, JObject body)
    {
        if (body["cells"] is not JObject cells)
        {
            throw SoarHttpException.BadRequest("The row needs \"cells\": {\"<column>\": {\"value\": ...}}.");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var cell in cells.Properties())
        {
            if (!table.Columns.TryGetValue(cell.Name, out var column))
            {
                throw SoarHttpException.BadRequest($"Column '{cell.Name}' does not exist in data table '{table.TypeName}'.");
            }

            if (cell.Value is not JObject holder || !holder.ContainsKey("value"))
            {
                throw SoarHttpException.BadRequest($"Cell '{cell.Name}' must be {{\"value\": ...}}.");
            }

            result[cell.Name] = SoarValueCodec.Normalize(column, holder["value"]);
        }

        return result;
    }
}
