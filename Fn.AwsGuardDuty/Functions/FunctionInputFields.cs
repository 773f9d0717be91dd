namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// Every function input field of the customization, in export order: the reference's (guardduty-app.md §5.3, with its
/// uuids for the four 1.x inputs), then those of the later functions. An input shared by several functions is one field.
/// A handler's <see cref="FunctionCustomization.Inputs"/> name fields of this list.
/// </summary>
public static class FunctionInputFields
{
    public static IReadOnlyList<FunctionInputField> All { get; } =
    [
        new(InputNames.Region, "text", "AWS GuardDuty region.", "9af24b4c-9409-43ec-8c72-ea86f04fbc25"),
        new(InputNames.DetectorId, "text", "AWS GuardDuty detector ID.", "9fa35803-ee7e-42cd-bb0b-d1dcefdbd341"),
        new(InputNames.FindingId, "text", "AWS GuardDuty finding ID.", "a90b292d-a1c4-45b0-96f0-20ff45818655"),
        new(InputNames.IncidentId, "number", "Resilient incident ID.", "60757a36-6f7f-4983-a1fe-5c0416763b9c"),
        new(InputNames.Activate, "boolean", "Should the GuardDuty use this IP Set / Threat Intel Set"),
        new(InputNames.BucketOwner, "text", "Account linked to S3 bucket whose location is specified in the File Path"),
        new(InputNames.ClientToken, "text", "Token generated for the create request"),
        new(InputNames.Format, "text", "File format that contains the trusted/malicious IP Addresses"),
        new(InputNames.Location, "text", "Path of the file which has the trusted/malicious IP Addresses"),
        new(InputNames.Name, "text", "Name displayed in all findings which are associated with this IP Set"),
        new(InputNames.Tags, "text", "Add tags to newly created IP Set"),
        new(InputNames.IpSetId, "text", "The unique id associated with a IP Set"),
        new(InputNames.ThreatIntelSetId, "text", "The unique id associated with a Threat Intel Set"),
        new(InputNames.NewName, "text", "New name that needs to be updated for the IP Set"),
        new(InputNames.NewLocation, "text", "New path of the file which has the trusted/malicious IP Addresses"),
        new(InputNames.NewActivate, "boolean", "Should the GuardDuty use this IP Set"),
        new(InputNames.MaxResults, "number", "specify the maximum number of results you want to get"),
        new(InputNames.NextToken, "text", "Pagination parameter to be used on the next list operation to retrieve more items"),
        new(InputNames.Feedback, "select", "Whether the finding was useful: USEFUL or NOT_USEFUL.", SelectValues: ["USEFUL", "NOT_USEFUL"]),
        new(InputNames.Comments, "text", "Additional feedback about the finding."),
        new(InputNames.FindingIds, "text", "AWS GuardDuty finding IDs, separated by commas or whitespace."),
        new(InputNames.SeverityThreshold, "number", "Lowest finding severity to list (0-10)."),
        new(InputNames.FindingTypes, "text", "AWS GuardDuty finding types, separated by commas."),
        new(InputNames.UpdatedSince, "datetimepicker", "List only findings updated at or after this time."),
        new(InputNames.Archived, "boolean", "List archived findings instead of current ones (default false)."),
        new(InputNames.FilterName, "text", "Name of the GuardDuty filter (3-64 letters, digits, '.', '_' or '-')."),
        new(InputNames.FilterAction, "select", "What GuardDuty does with matching findings: ARCHIVE (suppress) or NOOP. Create uses ARCHIVE when not given.",
            SelectValues: ["ARCHIVE", "NOOP"]),
        new(InputNames.FilterRank, "number", "Position of the filter in the list of filters (1-100)."),
        new(InputNames.FilterDescription, "text", "Description of the filter (at most 512 characters)."),
        new(InputNames.FilterCriteria, "textarea",
            "Finding criteria as JSON, as boto3 takes them: {\"Criterion\": {\"type\": {\"Eq\": [\"Recon:EC2/PortProbeUnprotectedPort\"]}}}."),
        new(InputNames.ThreatEntitySetId, "text", "The unique id of a threat entity set."),
        new(InputNames.TrustedEntitySetId, "text", "The unique id of a trusted entity set."),
        new(InputNames.ResourceArn, "text", "ARN of the resource to scan for malware, e.g. arn:aws:ec2:us-east-1:111122223333:instance/i-0abc1234def567890."),
        new(InputNames.ScanId, "text", "The id of a GuardDuty malware scan."),
        new(InputNames.BucketName, "text", "S3 bucket of the object to scan (Malware Protection for S3 must be enabled on it)."),
        new(InputNames.ObjectKey, "text", "Full key of the S3 object to scan."),
        new(InputNames.AccountId, "text", "Only this AWS account (12 digits)."),
        new(InputNames.CoverageStatus, "select", "Only resources with this coverage status.", SelectValues: ["HEALTHY", "UNHEALTHY"]),
        new(InputNames.GroupBy, "select", "How to group the findings statistics.", SelectValues: ["ACCOUNT", "DATE", "FINDING_TYPE", "RESOURCE", "SEVERITY"]),
    ];
}
