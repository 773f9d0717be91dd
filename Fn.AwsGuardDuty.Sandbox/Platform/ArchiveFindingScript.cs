using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The Archive Finding playbook's post-process script (guardduty-app.md §5.9), reading <c>results.output.content</c>:
/// status "ok" → a note and <c>aws_guardduty_archived = "True"</c>; status "error" → a note with <c>msg</c>; another
/// status → an "unexpected status" note; no content → a "no result" note. (The reference's text really says
/// "AWS IAM Integration".)
/// </summary>
internal static class ArchiveFindingScript
{
    public static (SoarScriptChanges Changes, SoarPlaybookOutcome Outcome, string Detail) Run(PlaybookWork work, string playbookDisplay, FunctionReply reply)
    {
        var changes = new SoarScriptChanges();
        var heading = $"AWS IAM Integration: Playbook: <b>{Html(playbookDisplay)}</b><br>";
        var finding = $"the finding with id <b>{Html(work.FindingId)}</b> and detector id <b>{Html(work.DetectorId)}</b> in region <b>{Html(work.Region)}</b>";
        if (reply.Content is not JObject { Count: > 0 } content)
        {
            changes.Notes.Add(("html", $"{heading}No result was returned for {finding}."));
            return (changes, SoarPlaybookOutcome.ScriptReportedError, "no content");
        }

        switch (content.Value<string>("status"))
        {
            case "ok":
                changes.Fields[GuardDutyPlaybookRules.Archived] = "True";
                changes.Notes.Add(("html", $"{heading}The {finding} was successfully archived in AWS GuardDuty."));
                return (changes, SoarPlaybookOutcome.Succeeded, "archived");
            case "error":
                var message = content.Value<string>("msg") ?? "(no message)";
                changes.Notes.Add(("html", $"{heading}Archiving {finding} failed: {Html(message)}"));
                return (changes, SoarPlaybookOutcome.ScriptReportedError, message);
            case var other:
                changes.Notes.Add(("html", $"{heading}Archiving {finding} returned an unexpected status: <b>{Html(other ?? "(none)")}</b>"));
                return (changes, SoarPlaybookOutcome.ScriptReportedError, $"unexpected status {other ?? "(none)"}");
        }
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
