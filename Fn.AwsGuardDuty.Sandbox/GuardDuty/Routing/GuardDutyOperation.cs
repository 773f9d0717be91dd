namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;

/// <summary>The operations the emulator serves, named as in the API (also the keys of the call counter).</summary>
public static class GuardDutyOperation
{
    public const string ListDetectors = nameof(ListDetectors);
    public const string CreateDetector = nameof(CreateDetector);
    public const string GetDetector = nameof(GetDetector);
    public const string DeleteDetector = nameof(DeleteDetector);
    public const string ListFindings = nameof(ListFindings);
    public const string GetFindings = nameof(GetFindings);
    public const string ArchiveFindings = nameof(ArchiveFindings);
    public const string UnarchiveFindings = nameof(UnarchiveFindings);
    public const string UpdateFindingsFeedback = nameof(UpdateFindingsFeedback);
    public const string GetFindingsStatistics = nameof(GetFindingsStatistics);
    public const string CreateSampleFindings = nameof(CreateSampleFindings);
    public const string ListFilters = nameof(ListFilters);
    public const string CreateFilter = nameof(CreateFilter);
    public const string GetFilter = nameof(GetFilter);
    public const string UpdateFilter = nameof(UpdateFilter);
    public const string DeleteFilter = nameof(DeleteFilter);
    public const string StartMalwareScan = nameof(StartMalwareScan);
    public const string ListMembers = nameof(ListMembers);
    public const string ListCoverage = nameof(ListCoverage);
    public const string GetCoverageStatistics = nameof(GetCoverageStatistics);
    public const string GetMalwareScan = nameof(GetMalwareScan);
    public const string SendObjectMalwareScan = nameof(SendObjectMalwareScan);
}
