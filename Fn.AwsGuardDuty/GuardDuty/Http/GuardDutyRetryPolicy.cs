using System.Net.Sockets;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Polly.Timeout;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>Which failures are worth another attempt, and how long to wait before it (jittered exponential back-off).</summary>
public sealed class GuardDutyRetryPolicy(GuardDutyClientOptions options)
{
    /// <summary>Throttling and 5xx service errors, per-try timeouts and network faults. Never the caller's cancellation.</summary>
    public static bool IsTransient(Exception? error) => error switch
    {
        null => false,
        GuardDutyServiceException service => service.IsRetryable,
        TimeoutRejectedException => true,
        HttpRequestException => true,
        IOException or SocketException => true,
        _ => false,
    };

    /// <summary>
    /// Delay before retry number <paramref name="retry"/> (0 for the first retry): half of
    /// min(cap, base·2^retry) plus a random share of the other half. Throttling uses the longer base.
    /// </summary>
    public TimeSpan DelayBefore(int retry, Exception? error, double random)
    {
        var throttled = error is GuardDutyServiceException { Kind: GuardDutyErrorKind.Throttling };
        var baseDelay = throttled ? options.ThrottlingBaseDelay : options.RetryBaseDelay;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(options.RetryMaxDelay.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * Math.Clamp(random, 0, 1));
    }
}
