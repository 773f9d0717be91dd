using Fn.AwsGuardDuty.Sandbox.GuardDuty.Routing;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>Runs a routed, authenticated call and returns the response body.</summary>
internal sealed class GuardDutyOperations(GuardDutyEmulatorState state)
{
    private readonly DetectorOperations detectors = new(state);
    private readonly FindingQueryOperations queries = new(state);
    private readonly FindingUpdateOperations updates = new(state);
    private readonly FindingStatisticsOperation statistics = new(state);
    private readonly SampleFindingsOperation samples = new(state);
    private readonly FilterOperations filters = new(state);
    private readonly MalwareScanOperations malware = new(state);
    private readonly MemberCoverageOperations membersAndCoverage = new(state);
    private readonly Dictionary<ThreatListKind, ThreatListOperations> threatLists =
        ThreatListKind.All.ToDictionary(kind => kind, kind => new ThreatListOperations(state, kind));

    public JObject Execute(GuardDutyCall call)
    {
        var route = call.Route;
        if (route.ThreatList is { } kind)
        {
            var lists = threatLists[kind];
            return route.Operation switch
            {
                _ when route.Operation == $"List{kind.Name}s" => lists.List(call),
                _ when route.Operation == $"Create{kind.Name}" => lists.Create(call),
                _ when route.Operation == $"Get{kind.Name}" => lists.Get(call),
                _ when route.Operation == $"Update{kind.Name}" => lists.Update(call),
                _ => lists.Delete(call),
            };
        }

        return route.Operation switch
        {
            GuardDutyOperation.ListDetectors => detectors.List(call),
            GuardDutyOperation.CreateDetector => detectors.Create(call),
            GuardDutyOperation.GetDetector => detectors.Get(call),
            GuardDutyOperation.DeleteDetector => detectors.Delete(call),
            GuardDutyOperation.ListFindings => queries.List(call),
            GuardDutyOperation.GetFindings => queries.Get(call),
            GuardDutyOperation.ArchiveFindings => updates.Archive(call),
            GuardDutyOperation.UnarchiveFindings => updates.Unarchive(call),
            GuardDutyOperation.UpdateFindingsFeedback => updates.Feedback(call),
            GuardDutyOperation.GetFindingsStatistics => statistics.Execute(call),
            GuardDutyOperation.CreateSampleFindings => samples.Execute(call),
            GuardDutyOperation.ListFilters => filters.List(call),
            GuardDutyOperation.CreateFilter => filters.Create(call),
            GuardDutyOperation.GetFilter => filters.Get(call),
            GuardDutyOperation.UpdateFilter => filters.Update(call),
            GuardDutyOperation.DeleteFilter => filters.Delete(call),
            GuardDutyOperation.StartMalwareScan => malware.Start(call),
            GuardDutyOperation.ListMembers => membersAndCoverage.ListMembers(call),
            GuardDutyOperation.ListCoverage => membersAndCoverage.ListCoverage(call),
            GuardDutyOperation.GetCoverageStatistics => membersAndCoverage.CoverageStatistics(call),
            GuardDutyOperation.GetMalwareScan => malware.Get(call),
            GuardDutyOperation.SendObjectMalwareScan => malware.SendObject(call),
            _ => throw GuardDutyErrors.UnknownRoute(),
        };
    }
}
