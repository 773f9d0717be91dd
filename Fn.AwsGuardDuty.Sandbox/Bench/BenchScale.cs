namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>How big each scenario is: the DESIGN.md §7 sizes, or the scaled-down <c>--quick</c> set (under a minute in all).</summary>
public sealed record BenchScale
{
    public required string Mode { get; init; }

    /// <summary>New findings escalated, spread evenly over <see cref="Regions"/>.</summary>
    public required int Findings { get; init; }

    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

    /// <summary>Paced function calls per second for the round-trip scenario.</summary>
    public double RoundTripRate { get; init; } = 200;

    public required TimeSpan RoundTripDuration { get; init; }

    /// <summary>Calls made one at a time (each waits for the previous answer) by the round-trip scenario.</summary>
    public required int SequentialCalls { get; init; }

    public required TimeSpan ThroughputDuration { get; init; }

    /// <summary>Function calls kept in flight by the throughput scenario.</summary>
    public int ThroughputInFlight { get; init; } = 100;

    public int ThroughputWorkers { get; init; } = 25;

    /// <summary>
    /// Calls made, and not measured, before each measured run of function calls. The full run's is long enough for the
    /// bench process's own tiered compilation to settle: with 2 s, whichever broker ran first measured 2-3 ms slower
    /// one at a time (the order, not the broker setting, decided it).
    /// </summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>How long the idle app is left alone after its first poll cycle before its RSS is read.</summary>
    public required TimeSpan IdleSettle { get; init; }

    /// <summary>App starts timed by the start-up scenario (the median is the figure).</summary>
    public required int StartupRuns { get; init; }

    public static BenchScale Full { get; } = new()
    {
        Mode = "full",
        Findings = 10_000,
        RoundTripDuration = TimeSpan.FromSeconds(10),
        SequentialCalls = 300,
        ThroughputDuration = TimeSpan.FromSeconds(10),
        Warmup = TimeSpan.FromSeconds(10),
        IdleSettle = TimeSpan.FromSeconds(10),
        StartupRuns = 5,
    };

    public static BenchScale Quick { get; } = new()
    {
        Mode = "quick",
        Findings = 1_000,
        RoundTripDuration = TimeSpan.FromSeconds(3),
        SequentialCalls = 100,
        ThroughputDuration = TimeSpan.FromSeconds(3),
        Warmup = TimeSpan.FromSeconds(1),
        IdleSettle = TimeSpan.FromSeconds(3),
        StartupRuns = 2,
    };
}
