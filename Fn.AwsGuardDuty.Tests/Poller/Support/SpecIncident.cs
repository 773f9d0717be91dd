using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>
/// What guardduty-app.md §3.1–3.3 says the incident of a GuardDuty finding holds, written by hand from the spec and
/// read from the finding's wire JSON (camelCase, as the GuardDuty emulator stores it), never from the product's
/// mapper. The full incident content (artifacts, tables, note) is checked against the independent vectors in
/// <c>IncidentVectorTests</c>; this covers the header of every generated finding an end-to-end test escalates.
/// </summary>
internal sealed record SpecIncident(string FindingId, string Name, string SeverityCode, IReadOnlyDictionary<string, string?> Properties)
{
    public static SpecIncident From(JObject wire, string polledRegion)
    {
        var service = wire["service"] as JObject;
        var title = wire.Value<string>("title");
        var severity = wire.Value<double>("severity");
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["aws_guardduty_finding_id"] = wire.Value<string>("id"),
            ["aws_guardduty_finding_arn"] = wire.Value<string>("arn"),
            ["aws_guardduty_finding_type"] = wire.Value<string>("type"),
            ["aws_guardduty_finding_updated_at"] = wire.Value<string>("updatedAt"),
            // §3.3: the polled region wins over the finding's.
            ["aws_guardduty_region"] = polledRegion,
            // §9: integral severities as integers ("8"), others invariant ("7.5").
            ["aws_guardduty_severity"] = severity == Math.Floor(severity)
                ? ((long)severity).ToString(CultureInfo.InvariantCulture)
                : severity.ToString(CultureInfo.InvariantCulture),
            ["aws_guardduty_resource_type"] = wire["resource"]?.Value<string>("resourceType"),
            ["aws_guardduty_detector_id"] = service?.Value<string>("detectorId"),
            ["aws_guardduty_count"] = service?["count"]?.Value<long>().ToString(CultureInfo.InvariantCulture),
            // §3.3: Python capitalisation.
            ["aws_guardduty_archived"] = service?.Value<bool?>("archived") is { } archived ? (archived ? "True" : "False") : null,
        };
        return new SpecIncident(
            wire.Value<string>("id")!,
            string.IsNullOrEmpty(title) ? $"AWS GuardDuty: No Title Provided, Create date : {wire.Value<string>("createdAt")}." : "AWS GuardDuty: " + title,
            // §3.2 with DESIGN §4 #1: no gaps, and GuardDuty's Critical band (9.0-10.0) is High.
            severity < 4.0 ? "Low" : severity < 7.0 ? "Medium" : "High",
            properties);
    }

    public void ShouldBeHeldBy(SoarIncidentView incident)
    {
        var because = $"incident {incident.Id} of finding {FindingId} (guardduty-app.md §3)";
        incident.Name.Should().Be(Name, because);
        incident.SeverityCode.Should().Be(SeverityCode, because);
        foreach (var (name, value) in Properties)
            IncidentAssertions.Text(incident.Properties.GetValueOrDefault(name)).Should().Be(value, $"{because}: property {name}");
        incident.Comments.Should().ContainSingle(because).Which.Content.Should().StartWith("AWS GuardDuty finding Payload:\n", because);
    }
}
