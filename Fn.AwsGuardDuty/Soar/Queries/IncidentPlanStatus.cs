namespace Fn.AwsGuardDuty.Soar.Queries;

/// <summary>An incident's <c>plan_status</c>: "A" (active) or "C" (closed).</summary>
public enum IncidentPlanStatus
{
    Active,
    Closed,
}
