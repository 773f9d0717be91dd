namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// Every function input field of the customization: the reference's (guardduty-app.md §5.3, with its uuids for the
/// four 1.x inputs) and those of the five new functions (new-functions.md). Inputs shared by several functions are
/// one field.
/// </summary>
public static class FunctionInputs
{
    public const string Region = "aws_gd_region";
    public const string DetectorId = "aws_gd_detector_id";
    public const string FindingId = "aws_gd_finding_id";
    public const string IncidentId = "incident_id";
    public const string Activate = "aws_gd_activate";
    public const string BucketOwner = "aws_gd_bucket_owner";
    public const string ClientToken = "aws_gd_client_token";
    public const string Format = "aws_gd_format";
    public const string Location = "aws_gd_location";
    public const string Name = "aws_gd_name";
    public const string Tags = "aws_gd_tags";
    public const string IpSetId = "aws_gd_ip_set_id";
    public const string ThreatIntelSetId = "aws_gd_threat_intel_set_id";
    public const string NewName = "aws_gd_new_name";
    public const string NewLocation = "aws_gd_new_location";
    public const string NewActivate = "aws_gd_new_activate";
    public const string MaxResults = "aws_gd_max_results";
    public const string NextToken = "aws_gd_next_token";
    public const string Feedback = "aws_gd_feedback";
    public const string Comments = "aws_gd_comments";
    public const string FindingIds = "aws_gd_finding_ids";
    public const string SeverityThreshold = "aws_gd_severity_threshold";
    public const string FindingTypes = "aws_gd_finding_types";
    public const string UpdatedSince = "aws_gd_updated_since";
    public const string Archived = "aws_gd_archived";

    public static IReadOnlyList<FunctionInput> All { get; } =
    [
        new(Region, "text", "AWS GuardDuty region.", "9af24b4c-9409-43ec-8c72-ea86f04fbc25"),
        new(DetectorId, "text", "AWS GuardDuty detector ID.", "9fa35803-ee7e-42cd-bb0b-d1dcefdbd341"),
        new(FindingId, "text", "AWS GuardDuty finding ID.", "a90b292d-a1c4-45b0-96f0-20ff45818655"),
        new(IncidentId, "number", "Resilient incident ID.", "60757a36-6f7f-4983-a1fe-5c0416763b9c"),
        new(Activate, "boolean", "Should the GuardDuty use this IP Set / Threat Intel Set"),
        new(BucketOwner, "text", "Account linked to S3 bucket whose location is specified in the File Path"),
        new(ClientToken, "text", "Token generated for the create request"),
        new(Format, "text", "File format that contains the trusted/malicious IP Addresses"),
        new(Location, "text", "Path of the file which has the trusted/malicious IP Addresses"),
        new(Name, "text", "Name displayed in all findings which are associated with this IP Set"),
        new(Tags, "text", "Add tags to newly created IP Set"),
        new(IpSetId, "text", "The unique id associated with a IP Set"),
        new(ThreatIntelSetId, "text", "The unique id associated with a Threat Intel Set"),
        new(NewName, "text", "New name that needs to be updated for the IP Set"),
        new(NewLocation, "text", "New path of the file which has the trusted/malicious IP Addresses"),
        new(NewActivate, "boolean", "Should the GuardDuty use this IP Set"),
        new(MaxResults, "number", "specify the maximum number of results you want to get"),
        new(NextToken, "text", "Pagination parameter to be used on the next list operation to retrieve more items"),
        new(Feedback, "select", "Whether the finding was useful: USEFUL or NOT_USEFUL.", SelectValues: ["USEFUL", "NOT_USEFUL"]),
        new(Comments, "text", "Additional feedback about the finding."),
        new(FindingIds, "text", "AWS GuardDuty finding IDs, separated by commas or whitespace."),
        new(SeverityThreshold, "number", "Lowest finding severity to list (0-10)."),
        new(FindingTypes, "text", "AWS GuardDuty finding types, separated by commas."),
        new(UpdatedSince, "datetimepicker", "List only findings updated at or after this time."),
        new(Archived, "boolean", "List archived findings instead of current ones (default false)."),
    ];

    public static FunctionInput Get(string name) =>
        All.FirstOrDefault(i => i.Name == name) ?? throw new CustomizationException($"There is no function input field named '{name}'.");
}
