using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The activation conditions of the app's two automatic playbooks (guardduty-app.md §5.8), evaluated on an incident
/// change as SOAR evaluates them, and the inputs their pre-process scripts set:
/// <list type="bullet">
/// <item>Archive Finding: <c>plan_status</c> changed to Closed, <c>aws_guardduty_archived</c> not equal to "True",
/// and finding id, detector id and region have a value → archive with those three inputs.</item>
/// <item>Update Finding Details: <c>aws_guardduty_trigger_refresh</c> changed and equals true, and the three have a
/// value → refresh with those and <c>incident_id</c>.</item>
/// </list>
/// The scripts' own writes cannot re-trigger them: setting archived on a closed incident is no close, and clearing the
/// trigger makes it false.
/// </summary>
internal static class GuardDutyPlaybookRules
{
    public const string FindingId = "aws_guardduty_finding_id";
    public const string DetectorId = "aws_guardduty_detector_id";
    public const string Region = "aws_guardduty_region";
    public const string Archived = "aws_guardduty_archived";
    public const string TriggerRefresh = "aws_guardduty_trigger_refresh";

    public static IEnumerable<PlaybookWork> Match(SoarIncidentChangedEventArgs change)
    {
        var incident = change.Incident;
        if (Text(incident, FindingId) is not { } findingId || Text(incident, DetectorId) is not { } detectorId || Text(incident, Region) is not { } region)
        {
            yield break;
        }

        var inputs = new JObject { ["aws_gd_finding_id"] = findingId, ["aws_gd_detector_id"] = detectorId, ["aws_gd_region"] = region };
        var closedNow = change.Kind == SoarIncidentChangeKind.Closed || (change.Kind == SoarIncidentChangeKind.Created && incident.IsClosed);
        if (closedNow && Text(incident, Archived) != "True")
        {
            yield return new PlaybookWork(SoarGuardDutyCustomization.ArchivePlaybook, SoarGuardDutyCustomization.ArchiveFunction,
                incident.OrgId, incident.Id, findingId, detectorId, region, inputs);
        }

        if (change.Changed("properties." + TriggerRefresh) && incident.Properties.GetValueOrDefault(TriggerRefresh) is true)
        {
            var refreshInputs = (JObject)inputs.DeepClone();
            refreshInputs["incident_id"] = incident.Id;
            yield return new PlaybookWork(SoarGuardDutyCustomization.UpdatePlaybook, SoarGuardDutyCustomization.RefreshFunction,
                incident.OrgId, incident.Id, findingId, detectorId, region, refreshInputs);
        }
    }

    /// <summary>A custom field's value as text, or null when it has none ("has_a_value" is false).</summary>
    internal static string? Text(SoarIncidentView incident, string property) =>
        incident.Properties.GetValueOrDefault(property) switch
        {
            null => null,
            string s => s.Length == 0 ? null : s,
            bool b => b ? "True" : "False",
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };
}
