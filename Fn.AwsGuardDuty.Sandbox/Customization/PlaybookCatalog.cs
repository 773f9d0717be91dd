namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The playbooks the customization ships, in export order: the reference's three finding playbooks, its ten
/// IPSet/ThreatIntelSet playbooks, then one per new function. Each is a folder of playbooks/.
/// </summary>
public static class PlaybookCatalog
{
    public const string ArchiveFinding = "example_aws_guardduty_archive_finding_pb";
    public const string RefreshFindingDetails = "example_aws_guardduty_refresh_finding_details_pb";
    public const string UpdateFindingDetails = "example_aws_guardduty_update_finding_details_pb";

    public static IReadOnlyList<string> Names { get; } =
    [
        ArchiveFinding,
        RefreshFindingDetails,
        UpdateFindingDetails,
        "aws_guardduty_create_ipset_pb",
        "aws_guardduty_list_ipset_pb",
        "aws_guardduty_get_ipset_pb",
        "aws_guardduty_update_ipset_pb",
        "aws_guardduty_delete_ipset_pb",
        "aws_guardduty_create_threatintelset_pb",
        "aws_guardduty_list_threatintelset_pb",
        "aws_guardduty_get_threatintelset_pb",
        "aws_guardduty_update_threatintelset_pb",
        "aws_guardduty_delete_threatintelset_pb",
        "aws_guardduty_unarchive_finding_pb",
        "aws_guardduty_update_findings_feedback_pb",
        "aws_guardduty_get_findings_pb",
        "aws_guardduty_list_findings_pb",
        "aws_guardduty_create_sample_findings_pb",
    ];
}
