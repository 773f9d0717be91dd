using Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// Applies a script's <see cref="SoarScriptChanges"/> inside the SOAR emulator the way the platform commits a script:
/// all at once under the org's lock, with the same validation the REST endpoints use, and the field change announced
/// through <see cref="SoarEmulatorState.IncidentChanged"/> like any other SOAR change. It does not go through REST, so
/// the emulator's call counters and injected HTTP faults only ever concern the app. A change SOAR would refuse
/// (unknown field, column or artifact type) throws <see cref="SoarScriptException"/> and changes nothing.
/// </summary>
public sealed class SoarScriptEffects(SoarEmulatorState state)
{
    public const string Author = "Playbook script";

    public SoarIncidentView Apply(int orgId, long incidentId, SoarScriptChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var org = state.Org(orgId);
        SoarIncidentChangedEventArgs? change;
        SoarIncidentView view;
        lock (org.Gate)
        {
            try
            {
                var record = SoarIncidentEndpoints.Find(org, incidentId);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var tables = changes.ReplaceTables.Select(t => (Table: FindTable(org, t.Key), Rows: t.Value)).ToList();
                var rows = tables.Select(t => (t.Table, Cells: t.Rows.Select(r => ReadCells(t.Table, r)).ToList())).ToList();
                var artifacts = changes.Artifacts.Select(a => SoarArtifactParser.Parse(org.Schema, a)).ToList();

                change = null;
                if (changes.Fields.Count > 0)
                {
                    var patch = new JObject
                    {
                        ["changes"] = new JArray(changes.Fields.Select(f => new JObject { ["field"] = f.Key, ["new_value"] = f.Value?.DeepClone() })),
                    };
                    (_, change) = SoarIncidentWriter.Patch(org, record, patch);
                }

                foreach (var (table, cells) in rows)
                {
                    record.Tables ??= new Dictionary<string, List<SoarTableRowRecord>>(StringComparer.Ordinal);
                    record.Tables[table.TypeName] = cells.Select(c => new SoarTableRowRecord { Id = org.NextChildId(), Cells = c }).ToList();
                }

                foreach (var (typeId, value, description) in artifacts)
                {
                    if (!record.Artifacts.Any(a => a.TypeId == typeId && a.Value == value))
                    {
                        record.Artifacts.Add(new SoarArtifactRecord { Id = org.NextChildId(), TypeId = typeId, Value = value, Description = description, Created = now });
                    }
                }

                foreach (var (format, content) in changes.Notes)
                {
                    record.Comments.Add(new SoarCommentRecord { Id = org.NextChildId(), Format = format, Content = content, Created = now, Author = Author });
                }

                view = SoarIncidentViews.Create(org, record);
            }
            catch (SoarHttpException e)
            {
                throw new SoarScriptException($"incident {incidentId} in org {orgId}: {e.Message}", e);
            }
        }

        state.Raise(org, change);
        return view;
    }

    /// <summary>True when the org has the playbook and it is enabled (SOAR runs only installed, enabled playbooks).</summary>
    public bool IsEnabled(int orgId, string playbook) =>
        state.Org(orgId).ReadSchema(s => s.Playbooks.TryGetValue(playbook, out var p) && p.Status == "enabled");

    public string? DisplayName(int orgId, string playbook) =>
        state.Org(orgId).ReadSchema(s => s.Playbooks.GetValueOrDefault(playbook)?.DisplayName);

    private static SoarDataTableDefinition FindTable(SoarOrgState org, string name) =>
        org.Schema.Tables.GetValueOrDefault(name) ?? throw SoarHttpException.BadRequest($"Data table '{name}' does not exist.");

    private static Dictionary<string, object?> ReadCells(SoarDataTableDefinition table, JObject row)
    {
        if (row["cells"] is not JObject cells)
        {
            throw SoarHttpException.BadRequest($"A row of '{table.TypeName}' has no \"cells\".");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var cell in cells.Properties())
        {
            var column = table.Columns.GetValueOrDefault(cell.Name)
                ?? throw SoarHttpException.BadRequest($"Column '{cell.Name}' does not exist in data table '{table.TypeName}'.");
            if (cell.Value is not JObject holder || !holder.ContainsKey("value"))
            {
                throw SoarHttpException.BadRequest($"Cell '{cell.Name}' of '{table.TypeName}' must be {{\"value\": ...}}.");
            }

            result[cell.Name] = SoarValueCodec.Normalize(column, holder["value"]);
        }

        return result;
    }
}
