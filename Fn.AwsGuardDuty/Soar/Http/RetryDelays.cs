namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>Exponential backoff from the options (delay × backoff^n), ±20 % jitter, honouring Retry-After, capped.</summary>
internal static class RetryDelays
{
    public static TimeSpan Compute(SoarClientOptions options, int retryIndex, TimeSpan? retryAfter, double random)
    {
        var baseMs = options.RequestRetryDelay.TotalMilliseconds * Math.Pow(options.RequestRetryBackoff, Math.Min(retryIndex, 30));
        var jittered = baseMs * (0.8 + (0.4 * random));
        if (retryAfter is { } after && after.TotalMilliseconds > jittered)
        {
            jittered = after.TotalMilliseconds;
        }

        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
