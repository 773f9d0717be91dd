namespace Fn.AwsGuardDuty.Functions;

/// <summary>Function input api names (guardduty-app.md §5.3, new-functions.md). Playbooks fill them by these names.</summary>
public static class InputNames
{
    public const string Region = "aws_gd_region";
    public const string DetectorId = "aws_gd_detector_id";
    public const string FindingId = "aws_gd_finding_id";
    public const string FindingIds = "aws_gd_finding_ids";
    public const string IncidentId = "incident_id";

    public const string Format = "aws_gd_format";
    public const string Name = "aws_gd_name";
    public const string Location = "aws_gd_location";
    public const string Activate = "aws_gd_activate";
    public const string ClientToken = "aws_gd_client_token";
    public const string Tags = "aws_gd_tags";
    public const string BucketOwner = "aws_gd_bucket_owner";
    public const string IpSetId = "aws_gd_ip_set_id";
    public const string ThreatIntelSetId = "aws_gd_threat_intel_set_id";
    public const string NewName = "aws_gd_new_name";
    public const string NewLocation = "aws_gd_new_location";
    public const string NewActivate = "aws_gd_new_activate";
    public const string MaxResults = "aws_gd_max_results";
    public const string NextToken = "aws_gd_next_token";

    public const string Feedback = "aws_gd_feedback";
    public const string Comments = "aws_gd_comments";
    public const string SeverityThreshold = "aws_gd_severity_threshold";
    public const string FindingTypes = "aws_gd_finding_types";
    public const string UpdatedSince = "aws_gd_updated_since";
    public const string Archived = "aws_gd_archived";

    public const string FilterName = "aws_gd_filter_name";
    public const string FilterAction = "aws_gd_filter_action";
    public const string FilterRank = "aws_gd_filter_rank";
    public const string FilterDescription = "aws_gd_filter_description";
    public const string FilterCriteria = "aws_gd_filter_criteria";
    public const string ThreatEntitySetId = "aws_gd_threat_entity_set_id";
    public const string TrustedEntitySetId = "aws_gd_trusted_entity_set_id";
    public const string GroupBy = "aws_gd_group_by";
    public const string ResourceArn = "aws_gd_resource_arn";
    public const string ScanId = "aws_gd_scan_id";
    public const string BucketName = "aws_gd_bucket_name";
    public const string ObjectKey = "aws_gd_object_key";
    public const string AccountId = "aws_gd_account_id";
    public const string CoverageStatus = "aws_gd_coverage_status";
}
