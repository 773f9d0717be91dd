namespace Fn.AwsGuardDuty.Findings;

/// <summary>Member names of the refresh function's content (guardduty-app.md §3.7 and §4.3), in their order.</summary>
public static class RefreshContentFields
{
    public const string Timestamp = "timestamp";
    public const string Finding = "finding";
    public const string Region = "region";
    public const string Payload = "payload";
    public const string DataTables = "data_tables";
    /// <summary>Not in the reference's content; the refresh playbook script reads <c>CONTENT.artifacts</c>.</summary>
    public const string Artifacts = "artifacts";
}
