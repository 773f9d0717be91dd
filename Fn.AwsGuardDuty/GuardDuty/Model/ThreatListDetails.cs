using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>GetIPSet / GetThreatIntelSet. <see cref="Raw"/> is the wire (camelCase) response, unknown members included.</summary>
public sealed record ThreatListDetails(
    string Name,
    string Format,
    string Location,
    string Status,
    IReadOnlyDictionary<string, string> Tags,
    string? ExpectedBucketOwner,
    JObject Raw)
{
    internal static ThreatListDetails FromWire(JObject json) => new(
        (string?)json["name"] ?? "",
        (string?)json["format"] ?? "",
        (string?)json["location"] ?? "",
        (string?)json["status"] ?? "",
        WireValues.StringMap(json["tags"]),
        (string?)json["expectedBucketOwner"],
        json);
}
