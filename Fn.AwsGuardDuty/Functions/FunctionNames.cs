namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The SOAR function api names this app serves on <c>fn_aws_gd</c> (guardduty-app.md §4–5, new-functions.md).
/// They are a compatibility contract: existing playbooks call them by these names.
/// </summary>
public static class FunctionNames
{
    public const string ArchiveFinding = "func_aws_guardduty_archive_finding";
    public const string RefreshFinding = "func_aws_guardduty_refresh_finding";

    public const string CreateIpSet = "aws_guardduty_create_ipset";
    public const string GetIpSet = "aws_guardduty_get_ipset";
    public const string ListIpSet = "aws_guardduty_list_ipset";
    public const string UpdateIpSet = "aws_guardduty_update_ipset";
    public const string DeleteIpSet = "aws_guardduty_delete_ipset";

    public const string CreateThreatIntelSet = "aws_guardduty_create_threatintelset";
    public const string GetThreatIntelSet = "aws_guardduty_get_threatintelset";
    public const string ListThreatIntelSet = "aws_guardduty_list_threatintelset";
    public const string UpdateThreatIntelSet = "aws_guardduty_update_threatintelset";
    public const string DeleteThreatIntelSet = "aws_guardduty_delete_threatintelset";

    public const string UnarchiveFinding = "aws_guardduty_unarchive_finding";
    public const string UpdateFindingsFeedback = "aws_guardduty_update_findings_feedback";
    public const string GetFindings = "aws_guardduty_get_findings";
    public const string ListFindings = "aws_guardduty_list_findings";
    public const string CreateSampleFindings = "aws_guardduty_create_sample_findings";

    public const string CreateFilter = "aws_guardduty_create_filter";
    public const string GetFilter = "aws_guardduty_get_filter";
    public const string UpdateFilter = "aws_guardduty_update_filter";
    public const string DeleteFilter = "aws_guardduty_delete_filter";
    public const string ListFilters = "aws_guardduty_list_filters";
    public const string GetDetector = "aws_guardduty_get_detector";
    public const string GetFindingsStatistics = "aws_guardduty_get_findings_statistics";
    public const string StartMalwareScan = "aws_guardduty_start_malware_scan";
    public const string GetMalwareScan = "aws_guardduty_get_malware_scan";
    public const string ScanS3Object = "aws_guardduty_scan_s3_object";
    public const string ListMembers = "aws_guardduty_list_members";
    public const string ListCoverage = "aws_guardduty_list_coverage";
    public const string GetCoverageStatistics = "aws_guardduty_get_coverage_statistics";

    public const string CreateThreatEntitySet = "aws_guardduty_create_threat_entity_set";
    public const string GetThreatEntitySet = "aws_guardduty_get_threat_entity_set";
    public const string ListThreatEntitySet = "aws_guardduty_list_threat_entity_set";
    public const string UpdateThreatEntitySet = "aws_guardduty_update_threat_entity_set";
    public const string DeleteThreatEntitySet = "aws_guardduty_delete_threat_entity_set";

    public const string CreateTrustedEntitySet = "aws_guardduty_create_trusted_entity_set";
    public const string GetTrustedEntitySet = "aws_guardduty_get_trusted_entity_set";
    public const string ListTrustedEntitySet = "aws_guardduty_list_trusted_entity_set";
    public const string UpdateTrustedEntitySet = "aws_guardduty_update_trusted_entity_set";
    public const string DeleteTrustedEntitySet = "aws_guardduty_delete_trusted_entity_set";

    /// <summary>Every name above, in the order the registration adds the handlers.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ArchiveFinding, RefreshFinding,
        CreateIpSet, ListIpSet, GetIpSet, UpdateIpSet, DeleteIpSet,
        CreateThreatIntelSet, ListThreatIntelSet, GetThreatIntelSet, UpdateThreatIntelSet, DeleteThreatIntelSet,
        UnarchiveFinding, UpdateFindingsFeedback, GetFindings, ListFindings, CreateSampleFindings,
        CreateFilter, GetFilter, UpdateFilter, DeleteFilter, ListFilters, GetDetector, GetFindingsStatistics,
        StartMalwareScan, GetMalwareScan, ScanS3Object, ListMembers, ListCoverage, GetCoverageStatistics,
        CreateThreatEntitySet, ListThreatEntitySet, GetThreatEntitySet, UpdateThreatEntitySet, DeleteThreatEntitySet,
        CreateTrustedEntitySet, ListTrustedEntitySet, GetTrustedEntitySet, UpdateTrustedEntitySet, DeleteTrustedEntitySet,
    ];
}
