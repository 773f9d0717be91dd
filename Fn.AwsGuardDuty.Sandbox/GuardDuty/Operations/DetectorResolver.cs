using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>Finds the detector a call names, within the caller's own account and region. Call under the state lock.</summary>
internal static class DetectorResolver
{
    public static DetectorState Resolve(GuardDutyEmulatorState state, GuardDutyCall call)
    {
        var detectorId = call.Route.DetectorId ?? "";
        if (detectorId.Length is < 1 or > 300)
        {
            throw GuardDutyErrors.InvalidParameter("detectorId");
        }

        return state.FindDetector(call.AccountId, call.Region, detectorId) ?? throw GuardDutyErrors.DetectorNotOwned();
    }
}
