using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// The incident fields mapped from a finding (guardduty-app.md §3.1-§3.3). <see cref="DiscoveredDate"/> is
/// epoch milliseconds (the reference sends the ISO text; SOAR takes epoch ms), null when CreatedAt is missing
/// or unreadable. <see cref="Properties"/> holds the mapped <c>aws_guardduty_*</c> fields as text (null when absent).
/// </summary>
public sealed record IncidentPayload(
    string Name,
    string Description,
    long? DiscoveredDate,
    string SeverityCode,
    IReadOnlyDictionary<string, string?> Properties)
{
    /// <summary>The properties object in <see cref="IncidentFields.Mapped"/> order.</summary>
    public JObject PropertiesToJson()
    {
        var properties = new JObject();
        foreach (var field in IncidentFields.Mapped)
            properties.Add(field.Name, Properties.TryGetValue(field.Name, out var value) && value is not null ? new JValue(value) : JValue.CreateNull());
        return properties;
    }
}
