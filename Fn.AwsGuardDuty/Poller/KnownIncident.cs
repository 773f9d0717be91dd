using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>An incident SOAR already holds for a finding (as <c>query_paged</c> returned it).</summary>
public sealed class KnownIncident(JObject incident)
{
    public JObject Json { get; } = incident;

    public long Id { get; } = incident["id"] is JValue { Type: JTokenType.Integer } id ? id.Value<long>() : 0;

    public bool IsOpen => Json.Value<string>("plan_status") != "C";

    public JToken? Property(string name) => (Json["properties"] as JObject)?[name];

    /// <summary>
    /// Whether the incident's <c>aws_guardduty_finding_updated_at</c> names the finding's current updatedAt. Compared as
    /// instants: the text may come back from SOAR's JSON as a parsed date, and formats may differ in precision.
    /// </summary>
    public bool IsUpToDateWith(PolledFinding finding)
    {
        var stored = Property(IncidentFields.FindingUpdatedAt);
        if (stored is not JValue { Value: not null } value) return false;
        if (value.Type == JTokenType.String && (string?)value == finding.UpdatedAtText) return true;
        var instant = value.Value switch
        {
            DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)).ToUnixTimeMilliseconds(),
            _ => PolledFinding.ParseEpochMs(value),
        };
        return instant != 0 && instant == finding.UpdatedAt;
    }

    public string? FindingId => Property(IncidentFields.FindingId) is JValue { Value: not null } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
