namespace Fn.AwsGuardDuty.Sandbox.Bench;

public enum ScenarioStatus
{
    Ran,

    /// <summary>A prerequisite is missing (e.g. java or ActiveMQ); the reason says which.</summary>
    NotRun,

    /// <summary>The scenario itself failed (the app did not start, a timeout); the reason says how.</summary>
    Failed,
}
