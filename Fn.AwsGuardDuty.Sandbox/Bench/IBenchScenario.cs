namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>One DESIGN.md §7 measurement. It records its figures and details in the <see cref="ScenarioRecorder"/>.</summary>
public interface IBenchScenario
{
    /// <summary>The name <c>--only</c> selects, e.g. <c>escalation</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchContext context, ScenarioRecorder recorder, CancellationToken cancellationToken);
}
