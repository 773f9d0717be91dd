namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

public enum SoarIncidentChangeKind
{
    Created,

    /// <summary>Fields changed, the incident stays as open or closed as it was.</summary>
    Updated,

    /// <summary>plan_status went from "A" to "C" (other fields may have changed in the same call).</summary>
    Closed,

    /// <summary>plan_status went from "C" back to "A".</summary>
    Reopened,
}
