namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>Round-trip latencies of completed calls: count and the usual percentiles (nearest rank).</summary>
public sealed record LatencySummary(int Count, TimeSpan Mean, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public static LatencySummary Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public static LatencySummary From(IReadOnlyList<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }

        var sorted = samples.Order().ToArray();
        TimeSpan Rank(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, TimeSpan.FromTicks((long)sorted.Average(t => t.Ticks)), Rank(50), Rank(90), Rank(99), sorted[^1]);
    }

    public override string ToString() =>
        $"n={Count} mean={Mean.TotalMilliseconds:0.00} ms p50={P50.TotalMilliseconds:0.00} ms p90={P90.TotalMilliseconds:0.00} ms p99={P99.TotalMilliseconds:0.00} ms max={Max.TotalMilliseconds:0.00} ms";
}
