using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// An artifact for the incident. <see cref="Type"/> is the API type name sent as <c>type.name</c>;
/// <see cref="Description"/> says where in the finding the value came from.
/// </summary>
public sealed record IncidentArtifact(string Type, string Value, string Description)
{
    /// <summary><c>{"type":{"name":…},"description":{"format":"text","content":…},"value":…}</c>, as the reference sends it.</summary>
    public JObject ToJson() => new(
        new JProperty("type", new JObject(new JProperty("name", Type))),
        new JProperty("description", new JObject(
            new JProperty("format", "text"),
            new JProperty("content", Description))),
        new JProperty("value", Value));
}
