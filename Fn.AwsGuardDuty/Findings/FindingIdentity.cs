namespace Fn.AwsGuardDuty.Findings;

/// <summary>What identifies a finding's incident: finding id, detector id and region (guardduty-app.md §9).</summary>
public sealed record FindingIdentity(string FindingId, string DetectorId, string Region);
