namespace Fn.AwsGuardDuty.Stomp;

/// <summary>Exponential back-off with +/-20 % jitter: initial, 2x, 4x ... capped at the maximum.</summary>
public sealed class StompReconnectBackoff(TimeSpan initial, TimeSpan maximum)
{
    public TimeSpan Initial { get; } = initial;

    public TimeSpan Maximum { get; } = maximum;

    /// <summary>The delay before attempt number <paramref name="attempt"/> (0 = first retry).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var exponent = Math.Min(attempt, 30);
        var baseMs = Math.Min(Maximum.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = baseMs * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(Maximum.TotalMilliseconds, jittered));
    }
}
