using System.Net.Sockets;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Polly.Timeout;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Which failures are worth another attempt, and how long to wait before it. Without AWS_RETRY_MODE (or with
/// <c>legacy</c>) this client's own equal-jitter exponential back-off; with <c>standard</c> or <c>adaptive</c> the AWS SDKs'
/// standard algorithm: a full-jitter delay of random·2^retry seconds, capped at <see cref="GuardDutyClientOptions.RetryMaxDelay"/>
/// (AWS: 20 s), and a <see cref="RetryQuota"/>.
/// </summary>
public sealed class GuardDutyRetryPolicy(GuardDutyClientOptions options)
{
    /// <summary>The base of the AWS SDKs' standard back-off.</summary>
    public static readonly TimeSpan StandardBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>True when the AWS SDKs' standard algorithm (and its retry quota) applies.</summary>
    public bool UsesStandardAlgorithm => options.RetryMode is Configuration.AwsRetryMode.Standard or Configuration.AwsRetryMode.Adaptive;

    /// <summary>Throttling answers, the ones adaptive mode slows the client down for.</summary>
    public static bool IsThrottling(Exception? error) => error is GuardDutyServiceException { Kind: GuardDutyErrorKind.Throttling };

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
    /// Delay before retry number <paramref name="retry"/> (0 for the first retry). Legacy: half of min(cap, base·2^retry)
    /// plus a random share of the other half, throttling with the longer base. Standard/adaptive: min(cap, random·2^retry s).
    /// </summary>
    public TimeSpan DelayBefore(int retry, Exception? error, double random)
    {
        if (UsesStandardAlgorithm)
        {
            var full = StandardBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)) * Math.Clamp(random, 0, 1);
            return TimeSpan.FromMilliseconds(Math.Min(options.RetryMaxDelay.TotalMilliseconds, full));
        }

        var throttled = error is GuardDutyServiceException { Kind: GuardDutyErrorKind.Throttling };
        var baseDelay = throttled ? options.ThrottlingBaseDelay : options.RetryBaseDelay;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(options.RetryMaxDelay.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * Math.Clamp(random, 0, 1));
    }
}
