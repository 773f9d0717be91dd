using Fn.AwsGuardDuty.Functions;
using static Fn.AwsGuardDuty.Functions.InputNames;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The 17 functions: the reference's 12 (guardduty-app.md §4.2-§4.4 and §5.3, inputs in the spec's order) and the 5
/// new ones (new-functions.md). All use the message destination <see cref="Destination"/>.
/// </summary>
public static class FunctionCatalog
{
    public const string Destination = "fn_aws_gd";
    public const string DestinationUuid = "982c1bc0-69a7-4dc6-bee7-508470d51ee5";

    public const string ArchiveFinding = FunctionNames.ArchiveFinding;
    public const string RefreshFinding = FunctionNames.RefreshFinding;

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new(ArchiveFinding, "AWS GuardDuty: Archive finding",
            "Resilient Function to archive an AWS GuardDuty finding when the corresponding incident is closed.",
            [Region, DetectorId, FindingId], "ee7aaede-3fd1-46d5-bd05-4bd6062f67e3"),
        new(RefreshFinding, "AWS GuardDuty: Refresh Finding",
            "Resilient Function to refresh AWS GuardDuty finding details in an incident.",
            [Region, DetectorId, FindingId, IncidentId], "2d1446f8-13fc-4400-af6a-c96b55d9a0df"),
        new(FunctionNames.CreateIpSet, "AWS GuardDuty: Create IPSet",
            "Creates a trusted-IP list (IPSet) in a GuardDuty detector from a file in S3.",
            [Format, Name, DetectorId, Region, Activate, Location, ClientToken, Tags, BucketOwner]),
        new(FunctionNames.ListIpSet, "AWS GuardDuty: List IPSet",
            "Lists the ids of the IPSets of a GuardDuty detector.",
            [DetectorId, Region, MaxResults, NextToken]),
        new(FunctionNames.GetIpSet, "AWS GuardDuty: Get IPSet",
            "Gets the name, format, location, status and tags of an IPSet.",
            [IpSetId, DetectorId, Region]),
        new(FunctionNames.UpdateIpSet, "AWS GuardDuty: Update IPSet",
            "Updates the name, location or activation of an IPSet.",
            [DetectorId, Region, IpSetId, NewName, NewLocation, NewActivate, BucketOwner]),
        new(FunctionNames.DeleteIpSet, "AWS GuardDuty: Delete IPSet",
            "Deletes an IPSet from a GuardDuty detector.",
            [IpSetId, DetectorId, Region]),
        new(FunctionNames.CreateThreatIntelSet, "AWS GuardDuty: Create ThreatIntelSet",
            "Creates a known-malicious IP list (ThreatIntelSet) in a GuardDuty detector from a file in S3.",
            [Format, Name, DetectorId, Region, Activate, Location, ClientToken, Tags]),
        new(FunctionNames.ListThreatIntelSet, "AWS GuardDuty: List ThreatIntelSet",
            "Lists the ids of the ThreatIntelSets of a GuardDuty detector.",
            [DetectorId, Region, MaxResults, NextToken]),
        new(FunctionNames.GetThreatIntelSet, "AWS GuardDuty: Get ThreatIntelSet",
            "Gets the name, format, location, status and tags of a ThreatIntelSet.",
            [ThreatIntelSetId, DetectorId, Region]),
        new(FunctionNames.UpdateThreatIntelSet, "AWS GuardDuty: Update ThreatIntelSet",
            "Updates the name, location or activation of a ThreatIntelSet.",
            [DetectorId, Region, ThreatIntelSetId, NewName, NewLocation, NewActivate]),
        new(FunctionNames.DeleteThreatIntelSet, "AWS GuardDuty: Delete ThreatIntelSet",
            "Deletes a ThreatIntelSet from a GuardDuty detector.",
            [ThreatIntelSetId, DetectorId, Region]),
        new(FunctionNames.UnarchiveFinding, "AWS GuardDuty: Unarchive Finding",
            "Moves an archived AWS GuardDuty finding back to the current findings.",
            [FindingId, DetectorId, Region]),
        new(FunctionNames.UpdateFindingsFeedback, "AWS GuardDuty: Update Findings Feedback",
            "Marks AWS GuardDuty findings as useful or not useful, with optional comments.",
            [FindingId, DetectorId, Region, Feedback, Comments]),
        new(FunctionNames.GetFindings, "AWS GuardDuty: Get Findings",
            "Gets AWS GuardDuty findings by id (any number, read in batches of 50).",
            [FindingIds, DetectorId, Region]),
        new(FunctionNames.ListFindings, "AWS GuardDuty: List Findings",
            "Lists the ids of the AWS GuardDuty findings that match the criteria given.",
            [DetectorId, Region, SeverityThreshold, FindingTypes, UpdatedSince, Archived, MaxResults, NextToken]),
        new(FunctionNames.CreateSampleFindings, "AWS GuardDuty: Create Sample Findings",
            "Creates sample AWS GuardDuty findings, of the types given or of every type.",
            [DetectorId, Region, FindingTypes]),
    ];

    public static FunctionDefinition Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new CustomizationException($"There is no function named '{name}'.");
}
