using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>The JSON shapes SOAR answers with, for incidents, artifacts, notes and data-table rows. Call with the org's lock held.</summary>
internal static class SoarRenderer
{
    private static readonly string[] PartialFields =
        ["id", "name", "vers", "plan_status", "severity_code", "create_date", "discovered_date", "inc_last_modified_date", "org_id"];

    /// <param name="returnLevel">"partial", "normal" or "full" (SOAR's <c>return_level</c>).</param>
    public static JObject Incident(SoarOrgState org, SoarIncidentRecord record, bool names, string returnLevel = "normal")
    {
        var schema = org.Schema;
        var json = new JObject();
        foreach (var field in schema.IncidentFields.Values.Where(f => !f.IsCustom))
        {
            if (returnLevel == "partial" && !PartialFields.Contains(field.Name))
            {
                continue;
            }

            json[field.Name] = field.Name == "org_id"
                ? new JValue(org.Id)
                : SoarValueCodec.Render(field, record.GetValue(field.Name, custom: false), names);
        }

        if (returnLevel == "partial")
        {
            return json;
        }

        json["properties"] = new JObject(schema.IncidentFields.Values.Where(f => f.IsCustom)
            .Select(f => new JProperty(f.Name, SoarValueCodec.Render(f, record.Properties.GetValueOrDefault(f.Name), names))));
        json["workspace"] = 1;
        json["is_scenario"] = false;
        if (returnLevel == "full")
        {
            json["artifact_count"] = record.Artifacts.Count;
            json["comment_count"] = record.Comments.Count;
            json["hard_liability"] = 0;
            json["regulators"] = new JObject { ["ids"] = new JArray() };
        }

        return json;
    }

    public static JObject Artifact(SoarOrgState org, long incidentId, SoarArtifactRecord artifact, bool names)
    {
        var type = org.Schema.FindArtifactType(artifact.TypeId);
        return new JObject
        {
            ["id"] = artifact.Id,
            ["type"] = names ? (JToken)(type?.Name ?? artifact.TypeId.ToString()) : artifact.TypeId,
            ["value"] = artifact.Value,
            ["description"] = artifact.Description,
            ["attachment"] = null,
            ["parent_id"] = null,
            ["creator_principal"] = new JObject { ["type"] = "user", ["name"] = "sandbox" },
            ["inc_id"] = incidentId,
            ["created"] = artifact.Created,
            ["last_modified_time"] = artifact.Created,
            ["hits"] = new JArray(),
            ["relating"] = true,
            ["properties"] = null,
            ["perms"] = new JObject { ["read"] = true, ["write"] = true, ["delete"] = true },
        };
    }

    public static JObject Comment(long incidentId, SoarCommentRecord comment) => new()
    {
        ["id"] = comment.Id,
        ["parent_id"] = null,
        ["user_id"] = comment.UserId,
        ["user_fname"] = comment.Author,
        ["user_lname"] = "",
        ["text"] = comment.Content,
        ["create_date"] = comment.Created,
        ["modify_date"] = comment.Created,
        ["children"] = new JArray(),
        ["mentioned_users"] = new JArray(),
        ["is_deleted"] = false,
        ["type"] = "incident",
        ["inc_id"] = incidentId,
        ["inc_owner"] = null,
    };

    public static JObject Row(SoarDataTableDefinition table, SoarTableRowRecord row, bool names) => new()
    {
        ["id"] = row.Id,
        ["type_id"] = table.Id,
        ["cells"] = new JObject(row.Cells.Select(c => new JProperty(c.Key, new JObject
        {
            ["id"] = c.Key,
            ["row_id"] = row.Id,
            ["value"] = table.Columns.TryGetValue(c.Key, out var column) ? SoarValueCodec.Render(column, c.Value, names) : JValue.CreateNull(),
        }))),
        ["actions"] = new JArray(),
        ["playbooks"] = new JArray(),
        ["version"] = row.Version,
    };
}
