using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The Update Finding Details playbook's post-process script, applying the refresh function's content
/// (guardduty-app.md §4.3, §5.9) as this app's version of it does: the incident's name, description, severity_code and
/// properties from <c>content.payload</c>; the rows of each table in <c>content.data_tables</c> REPLACED (the
/// reference appends, piling up duplicates; DESIGN.md §4.11), with <c>query_execution_date</c> set to the function's
/// <c>metrics.timestamp</c>; the artifacts in <c>content.artifacts</c> added unless already there; and
/// <c>aws_guardduty_trigger_refresh</c> back to false. The refresh function posts the note itself.
/// </summary>
internal static class UpdateFindingDetailsScript
{
    private static readonly string[] PayloadFields = ["name", "description", "severity_code"];

    public static (SoarScriptChanges Changes, SoarPlaybookOutcome Outcome, string Detail) Run(
        PlaybookWork work, string playbookDisplay, FunctionReply reply, Func<string, bool> isIncidentField)
    {
        var changes = new SoarScriptChanges();
        changes.Fields[GuardDutyPlaybookRules.TriggerRefresh] = false;
        if (reply.Content is not JObject content || content["payload"] is not JObject payload)
        {
            changes.Notes.Add(("html",
                $"AWS GuardDuty: Playbook: <b>{WebUtility.HtmlEncode(playbookDisplay)}</b><br>No finding was returned for id <b>{WebUtility.HtmlEncode(work.FindingId)}</b> in region <b>{WebUtility.HtmlEncode(work.Region)}</b>; nothing was refreshed."));
            return (changes, SoarPlaybookOutcome.ScriptReportedError, "no finding returned");
        }

        foreach (var field in PayloadFields)
        {
            if (payload[field] is { Type: not JTokenType.Null } value)
            {
                changes.Fields[field] = value;
            }
        }

        var skipped = new List<string>();
        if (payload["properties"] is JObject properties)
        {
            foreach (var property in properties.Properties())
            {
                if (property.Name == GuardDutyPlaybookRules.TriggerRefresh)
                {
                    continue;
                }

                if (isIncidentField(property.Name))
                {
                    changes.Fields[property.Name] = property.Value;
                }
                else
                {
                    skipped.Add(property.Name);
                }
            }
        }

        var timestamp = reply.Results?["metrics"]?["timestamp"]?.Value<string>();
        // Our refresh function replaces the rows over REST and says so; the script then leaves the tables alone.
        // (An older function without the flag makes the script append rows; the sandbox only runs ours.)
        var tablesReplaced = content["tables_replaced"]?.Type == JTokenType.Boolean && content["tables_replaced"]!.Value<bool>();
        if (!tablesReplaced && content["data_tables"] is JObject tables)
        {
            foreach (var table in tables.Properties())
            {
                changes.ReplaceTables[table.Name] = (table.Value as JArray ?? [])
                    .OfType<JObject>()
                    .Select(row => WithExecutionDate(row, timestamp))
                    .ToList();
            }
        }

        if ((content["artifacts"] ?? payload["artifacts"]) is JArray artifacts)
        {
            changes.Artifacts.AddRange(artifacts.OfType<JObject>());
        }

        var detail = $"{changes.Fields.Count} field(s), {changes.ReplaceTables.Count} table(s), {changes.Artifacts.Count} artifact(s)";
        return (changes, SoarPlaybookOutcome.Succeeded, skipped.Count == 0 ? detail : $"{detail}; unknown fields skipped: {string.Join(", ", skipped)}");
    }

    private static JObject WithExecutionDate(JObject row, string? timestamp)
    {
        var copy = (JObject)row.DeepClone();
        if (timestamp is not null && copy["cells"] is JObject cells)
        {
            cells["query_execution_date"] = new JObject { ["value"] = timestamp };
        }

        return copy;
    }
}
