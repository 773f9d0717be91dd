using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>GetDetector. <see cref="Raw"/> keeps the whole wire response (dataSources, features…).</summary>
public sealed record DetectorDetails(
    string DetectorId,
    string Status,
    string? ServiceRole,
    string? FindingPublishingFrequency,
    string? CreatedAt,
    string? UpdatedAt,
    IReadOnlyDictionary<string, string> Tags,
    JObject Raw)
{
    public bool IsEnabled => string.Equals(Status, "ENABLED", StringComparison.OrdinalIgnoreCase);

    internal static DetectorDetails FromWire(string detectorId, JObject json) => new(
        detectorId,
        (string?)json["status"] ?? "",
        (string?)json["serviceRole"],
        (string?)json["findingPublishingFrequency"],
        WireValues.Text(json["createdAt"]),
        WireValues.Text(json["updatedAt"]),
        WireValues.StringMap(json["tags"]),
        json);
}
