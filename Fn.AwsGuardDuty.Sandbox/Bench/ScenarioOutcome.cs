namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>What one scenario produced: figures, or why it did not run (missing ActiveMQ) or failed (an error).</summary>
public sealed record ScenarioOutcome(string Name, ScenarioStatus Status, IReadOnlyList<BenchFigure> Figures, string? Reason,
    IReadOnlyDictionary<string, object?> Details, TimeSpan Elapsed)
{
    public bool AllPass => Status == ScenarioStatus.Ran && Figures.All(f => f.Pass != false);
}
