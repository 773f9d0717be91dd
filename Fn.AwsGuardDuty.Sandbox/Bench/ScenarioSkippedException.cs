namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>Thrown by a scenario whose prerequisite is missing; it is reported as "not run: reason".</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(reason);
