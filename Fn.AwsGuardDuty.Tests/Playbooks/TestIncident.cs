using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>Incidents as the harness takes them: standard fields, custom properties and existing table rows.</summary>
internal static class TestIncident
{
    public const string FindingId = "60baffd3f9042e38640f2300d5c5a631";
    public const string DetectorId = "f2baedb0ac74f8f42fc929e15f56da6a";
    public const string Region = "us-west-2";

    public static JObject WithFinding(JObject? tables = null, string archived = "False") => new()
    {
        ["id"] = 2168,
        ["name"] = "AWS GuardDuty: a finding",
        ["description"] = "a finding",
        ["severity_code"] = "Low",
        ["plan_status"] = "A",
        ["discovered_date"] = 1_700_000_000_000L,
        ["properties"] = new JObject
        {
            ["aws_guardduty_finding_id"] = FindingId,
            ["aws_guardduty_detector_id"] = DetectorId,
            ["aws_guardduty_region"] = Region,
            ["aws_guardduty_archived"] = archived,
            ["aws_guardduty_severity"] = "2",
            ["aws_guardduty_count"] = "1",
            ["aws_guardduty_trigger_refresh"] = true,
        },
        ["tables"] = tables ?? new JObject(),
    };

    /// <summary>An envelope as the app's functions reply (results envelope of the seed document).</summary>
    public static JObject Envelope(JToken? content, JObject inputs, bool success = true, string? reason = null) => new()
    {
        ["version"] = 2.0,
        ["success"] = success,
        ["reason"] = reason,
        ["content"] = content?.DeepClone() ?? JValue.CreateNull(),
        ["raw"] = null,
        ["inputs"] = inputs,
        ["metrics"] = new JObject
        {
            ["version"] = "1.0",
            ["package"] = "fn-aws-guardduty",
            ["package_version"] = "1.0.0",
            ["host"] = "integration-server",
            ["execution_time_ms"] = 42,
            ["timestamp"] = "2024-04-11 14:09:19",
        },
    };

    public static JObject FindingInputs() => new()
    {
        ["aws_gd_finding_id"] = FindingId,
        ["aws_gd_detector_id"] = DetectorId,
        ["aws_gd_region"] = Region,
    };
}
