namespace Fn.AwsGuardDuty.Findings;

/// <summary>Top-level member names of the incident payload (POST /incidents) the mapper produces.</summary>
public static class IncidentPayloadFields
{
    public const string Name = "name";
    public const string Description = "description";
    public const string DiscoveredDate = "discovered_date";
    public const string SeverityCode = "severity_code";
    public const string Properties = "properties";
    public const string Artifacts = "artifacts";
    public const string Comments = "comments";
}
