using System.Globalization;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The manual playbook "AWS GuardDuty: Mark as false positive (PB)" (playbooks/aws_guardduty_mark_false_positive_pb)
/// as the platform plays it: its activation conditions, the inputs its three input scripts set (feedback NOT_USEFUL,
/// an ARCHIVE filter built from the finding under the analyst's name, the archive), and its post-process script, which
/// closes the incident as "Not an Issue" once the finding is archived and always adds a note of what was and was not
/// done. The script here says what the Python script says; the Python harness tests check the Python itself.
/// </summary>
internal static class FalsePositivePlaybook
{
    public const string Name = "aws_guardduty_mark_false_positive_pb";
    public const string DisplayName = "AWS GuardDuty: Mark as false positive (PB)";
    public const string NotAnIssue = "Not an Issue";

    /// <summary>The activation form's fields.</summary>
    public sealed record Form(string FilterName, string? Comments);

    /// <summary>One function call of the playbook, in order.</summary>
    public sealed record Step(string Function, string ResultName, JObject Inputs);

    /// <summary>Null when the incident meets the conditions (finding id, detector id and region have a value), else why not.</summary>
    public static string? Refusal(SoarIncidentView incident)
    {
        var missing = new[] { GuardDutyPlaybookRules.FindingId, GuardDutyPlaybookRules.DetectorId, GuardDutyPlaybookRules.Region }
            .Where(field => GuardDutyPlaybookRules.Text(incident, field) is null).ToList();
        return missing.Count == 0 ? null : $"the incident has no value in {string.Join(", ", missing)}";
    }

    public static IReadOnlyList<Step> Steps(SoarIncidentView incident, Form form)
    {
        var region = GuardDutyPlaybookRules.Text(incident, GuardDutyPlaybookRules.Region);
        var detector = GuardDutyPlaybookRules.Text(incident, GuardDutyPlaybookRules.DetectorId);
        var finding = GuardDutyPlaybookRules.Text(incident, GuardDutyPlaybookRules.FindingId);
        JObject Finding() => new() { [InputNames.Region] = region, [InputNames.DetectorId] = detector, [InputNames.FindingId] = finding };

        var feedback = Finding();
        feedback[InputNames.Feedback] = "NOT_USEFUL";
        feedback[InputNames.Comments] = form.Comments;
        var filter = Finding();
        filter[InputNames.FilterName] = form.FilterName;
        filter[InputNames.FilterAction] = "ARCHIVE";
        filter[InputNames.FilterDescription] = string.Format(CultureInfo.InvariantCulture, "False positive, from SOAR incident {0}", incident.Id);
        return
        [
            new Step(FunctionNames.UpdateFindingsFeedback, "feedback_output", feedback),
            new Step(FunctionNames.CreateFilter, "filter_output", filter),
            new Step(FunctionNames.ArchiveFinding, "archive_output", Finding()),
        ];
    }

    /// <summary>The post-process script over the three results (by result name; a missing one counts as "no result").</summary>
    public static (SoarScriptChanges Changes, SoarPlaybookOutcome Outcome, string Detail) PostProcess(
        SoarIncidentView incident, IReadOnlyDictionary<string, FunctionReply> results)
    {
        var findingId = GuardDutyPlaybookRules.Text(incident, GuardDutyPlaybookRules.FindingId) ?? "";
        var done = new List<string>();
        var failed = new List<string>();

        if (FailureReason(results.GetValueOrDefault("feedback_output")) is { } feedbackFailure)
            failed.Add($"Feedback NOT_USEFUL was not sent: {Html(feedbackFailure)}");
        else
            done.Add($"Feedback <b>NOT_USEFUL</b> sent for finding <b>{Html(findingId)}</b>.");

        var filter = results.GetValueOrDefault("filter_output");
        if (FailureReason(filter) is { } filterFailure)
        {
            failed.Add($"The suppression rule was not created: {Html(filterFailure)}");
        }
        else
        {
            var content = (JObject)filter!.Content!;
            done.Add($"Suppression rule <b>{Html(content.Value<string>("Name") ?? "")}</b> (action ARCHIVE) created with the criteria:<br>{CriteriaText(content["FindingCriteria"])}");
        }

        var changes = new SoarScriptChanges();
        var archiveFailure = FailureReason(results.GetValueOrDefault("archive_output"));
        if (archiveFailure is null)
        {
            done.Add($"Finding <b>{Html(findingId)}</b> archived.");
            changes.Fields["properties." + GuardDutyPlaybookRules.Archived] = "True";
            changes.Fields["resolution_id"] = NotAnIssue;
            changes.Fields["resolution_summary"] = $"False positive: GuardDuty finding {findingId} marked NOT_USEFUL and archived.";
            changes.Fields["plan_status"] = "C";
            done.Add($"Incident closed as <b>{NotAnIssue}</b>.");
        }
        else
        {
            failed.Add($"The finding was not archived, so the incident stays open: {Html(archiveFailure)}");
        }

        var note = $"AWS GuardDuty: Playbook <b>{DisplayName}</b><br>" + string.Join("<br>", done);
        if (failed.Count > 0)
            note += "<br><b>Not done:</b><br>" + string.Join("<br>", failed);
        changes.Notes.Add(("html", note));

        return failed.Count == 0
            ? (changes, SoarPlaybookOutcome.Succeeded, "marked as a false positive and closed")
            : (changes, SoarPlaybookOutcome.ScriptReportedError, $"{failed.Count} of 3 steps not done");
    }

    /// <summary>Null when the call succeeded (success true and content status "ok"), otherwise why not.</summary>
    private static string? FailureReason(FunctionReply? reply)
    {
        if (reply?.Results is null)
            return "no result was returned";
        if (!reply.Success)
            return reply.Results.Value<string>("reason") ?? "no reason given";
        if (reply.Content is not JObject content || content.Value<string>("status") != "ok")
            return reply.Content is JObject withMessage ? withMessage.Value<string>("msg") ?? "no status ok" : "no status ok";
        return null;
    }

    /// <summary>One "field operator values" line per condition, fields and operators sorted, as the script prints them.</summary>
    private static string CriteriaText(JToken? criteria)
    {
        var lines = new List<string>();
        if (criteria?["Criterion"] is JObject criterion)
        {
            foreach (var field in criterion.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (field.Value is not JObject condition)
                    continue;
                foreach (var op in condition.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var shown = op.Value is JArray values
                        ? string.Join(", ", values.Select(v => v.ToString()))
                        : op.Value.ToString();
                    lines.Add($"{Html(field.Name)} {Html(op.Name)} {Html(shown)}");
                }
            }
        }

        return lines.Count == 0 ? "none" : string.Join("<br>", lines);
    }

    // The script escapes only these three.
    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
