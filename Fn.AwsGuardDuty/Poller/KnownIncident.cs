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

    /// <summary>The finding's updatedAt the incident was last brought up to date with.</summary>
    public string? FindingUpdatedAt => Property(IncidentFields.FindingUpdatedAt) is JValue { Value: not null } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? FindingId => Property(IncidentFields.FindingId) is JValue { Value: not null } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
