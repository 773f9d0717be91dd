namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// API names of the incident custom fields (guardduty-app.md §3.3 and §5.4). These names are part of the
/// compatibility contract: existing playbooks, layouts and reports read them.
/// </summary>
public static class IncidentFields
{
    public const string FindingId = "aws_guardduty_finding_id";
    public const string FindingArn = "aws_guardduty_finding_arn";
    public const string FindingType = "aws_guardduty_finding_type";
    public const string FindingUpdatedAt = "aws_guardduty_finding_updated_at";
    public const string Region = "aws_guardduty_region";
    public const string Severity = "aws_guardduty_severity";
    public const string ResourceType = "aws_guardduty_resource_type";
    public const string DetectorId = "aws_guardduty_detector_id";
    public const string Count = "aws_guardduty_count";
    public const string Archived = "aws_guardduty_archived";
    /// <summary>The finding's AccountId (extensions.md §A): with a delegated administrator, the member account that owns it.</summary>
    public const string AccountId = "aws_guardduty_account_id";
    /// <summary>Boolean field written only by the poller; never part of the mapped properties.</summary>
    public const string TriggerRefresh = "aws_guardduty_trigger_refresh";

    /// <summary>The fields the mapper fills: the reference's ten in its order, then the account (extensions.md §A).</summary>
    public static IReadOnlyList<IncidentFieldDefinition> Mapped { get; } = Array.AsReadOnly(new[]
    {
        Text(FindingId, "AWS GuardDuty Finding Id",
            "A unique Finding ID for this GuardDuty finding type and set of parameters. New occurrences of activity matching this pattern will be aggregated to the same ID.",
            "e380c315-601d-4052-90b5-78efe75d7eab", "Id"),
        Text(FindingArn, "AWS GuardDuty Finding Arn", "Arn of the GuardDuty finding.",
            "f1c8fa20-ffc3-4942-98bb-1d84fdc92f32", "Arn"),
        Text(FindingType, "AWS GuardDuty Finding Type", "The type of activity that triggered the GuardDuty finding.",
            "6fc421a3-c414-48de-9d39-bb833b777d00", "Type"),
        Text(FindingUpdatedAt, "AWS GuardDuty Resource Updated At",
            "The last time this finding was updated with new activity matching the pattern that prompted GuardDuty to generate this finding.",
            "63d7c51c-ab4d-417e-9173-6d366d05f6d5", "UpdatedAt"),
        Text(Region, "AWS GuardDuty Region", "The AWS Region in which the GuardDuty finding was generated.",
            "a5789c35-3e6f-4229-a671-2fe7ba6f3457", "Region"),
        Text(Severity, "AWS GuardDuty Severity", "The severity of the affected resource of the GuardDuty finding.",
            "9b26f0fc-bfca-467b-8c21-be0edc22768d", "Severity"),
        Text(ResourceType, "AWS GuardDuty Resource Type",
            "The type of the affected resource of the GuardDuty finding. This value is either AccessKey, S3 bucket or Instance.",
            "251c8f2a-9a9d-4b0e-b9a2-ed15e022754c", "Resource", "ResourceType"),
        Text(DetectorId, "AWS GuardDuty Detector Id", "The detector ID where the GuardDuty finding was detected.",
            "5e191046-c9ce-4e74-b5be-f7277f93792b", "Service", "DetectorId"),
        Text(Count, "AWS GuardDuty Count",
            "The number of times GuardDuty has aggregated an activity matching this pattern to this finding ID.",
            "a64d69ca-fb01-4bc1-a102-2ceea30b6b6b", "Service", "Count"),
        Text(Archived, "AWS GuardDuty Archived",
            "A true or false value that indicates whether this is GuardDuty finding has been archived.",
            "6d5742bd-1e74-47c3-b20f-0a786a9fcfa3", "Service", "Archived"),
        Text(AccountId, "AWS GuardDuty Account Id",
            "The AWS account the GuardDuty finding belongs to (a member account when read through a delegated administrator).",
            "19a586d0-6722-41a3-b0a9-6da95ee33c19", "AccountId"),
    });

    /// <summary>Every custom field of the customization: the mapped fields plus the poller's refresh trigger.</summary>
    public static IReadOnlyList<IncidentFieldDefinition> All { get; } = Array.AsReadOnly(Mapped.Append(
        new IncidentFieldDefinition(TriggerRefresh, "boolean", "AWS GuardDuty Trigger Refresh",
            "Used by integration to trigger an refresh of GuardDuty incidents.",
            "766a53c2-6684-44bb-9808-2cc774c56747", Array.Empty<string>())).ToArray());

    private static IncidentFieldDefinition Text(string name, string label, string tooltip, string uuid, params string[] path) =>
        new(name, "text", label, tooltip, uuid, Array.AsReadOnly(path));
}
