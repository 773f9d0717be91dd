namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>How a try-it run goes. Checked by <see cref="Validate"/> before anything starts.</summary>
public sealed record TryItOptions
{
    public const int MaxFindings = 10_000;

    public TryItScenario Scenario { get; init; } = TryItScenario.Interactive;

    /// <summary>Findings seeded across the three regions at start.</summary>
    public int Findings { get; init; } = 60;

    /// <summary>Only the summary and the failures; no progress, no live feed.</summary>
    public bool Quiet { get; init; }

    /// <summary>The sandbox folder (config, CA, logs, checkpoints); <c>./.sandbox</c> by default.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), ".sandbox");

    /// <summary>The app's <c>aws_gd_polling_interval</c>: how soon GuardDuty changes reach SOAR.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Findings reach the app through the SQS push queue (the default); false: the poller alone, as without AWS push.</summary>
    public bool Push { get; init; } = true;

    /// <summary>How long each step may take before it counts as failed.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the finding generator, so a run can be repeated.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (Findings is < 6 or > MaxFindings)
            throw new ArgumentException($"--findings must be from 6 to {MaxFindings} (the story needs a few findings per region), got {Findings}.");
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromMinutes(10))
            throw new ArgumentException($"--poll-interval must be from 1s to 10m, got {PollInterval}.");
        if (PollInterval.TotalSeconds != Math.Floor(PollInterval.TotalSeconds))
            throw new ArgumentException("--poll-interval must be a whole number of seconds.");
        if (StepTimeout < TimeSpan.FromSeconds(5))
            throw new ArgumentException($"--step-timeout must be at least 5s, got {StepTimeout}.");
        if (string.IsNullOrWhiteSpace(WorkDirectory))
            throw new ArgumentException("The working folder must not be empty.");
    }
}
