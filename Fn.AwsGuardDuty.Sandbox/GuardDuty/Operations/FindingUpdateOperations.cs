using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// ArchiveFindings, UnarchiveFindings and UpdateFindingsFeedback; through an administrator's detector they reach its
/// members' findings too (the administrator is who archives an organisation's findings). Unknown ids are ignored (AWS's behaviour here is
/// unverified); updatedAt is left alone unless <see cref="GuardDutyEmulatorState.BumpUpdatedAtOnChange"/> is set.
/// </summary>
internal sealed class FindingUpdateOperations(GuardDutyEmulatorState state)
{
    private const int MaxIds = 50;

    public JObject Archive(GuardDutyCall call) => SetArchived(call, true);

    public JObject Unarchive(GuardDutyCall call) => SetArchived(call, false);

    public JObject Feedback(GuardDutyCall call)
    {
        var ids = call.Body.RequiredStringList("findingIds", MaxIds, 1, 300);
        var feedback = call.Body.RequiredEnum("feedback", "USEFUL", "NOT_USEFUL");
        _ = call.Body.OptionalString("comments");
        Apply(call, ids, service => service["userFeedback"] = feedback);
        return new JObject();
    }

    private JObject SetArchived(GuardDutyCall call, bool archived)
    {
        var ids = call.Body.RequiredStringList("findingIds", MaxIds, 1, 300);
        Apply(call, ids, service => service["archived"] = archived);
        return new JObject();
    }

    private void Apply(GuardDutyCall call, IReadOnlyList<string> ids, Action<JObject> change)
    {
        lock (state.Gate)
        {
            var scope = state.FindingScope(DetectorResolver.Resolve(state, call));
            foreach (var id in ids)
            {
                var detector = GuardDutyEmulatorState.Holder(scope, id);
                if (detector is not null && detector.Findings.TryGetValue(id, out var stored))
                {
                    var finding = stored.Parse();
                    change(GuardDutyEmulatorState.Service(finding));
                    if (state.BumpUpdatedAtOnChange)
                    {
                        state.Touch(finding);
                    }

                    state.Put(detector, StoredFinding.Create(finding, state.Catalog));
                    detector.FindingsChanged();
                }
            }
        }
    }
}
