namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// <c>AWS_RETRY_MODE</c>, with the meanings of the AWS SDKs and Tools reference guide: <c>legacy</c> (each SDK's own
/// older back-off), <c>standard</c> (full-jitter exponential back-off capped at 20 s, and a retry quota that stops
/// retries during an outage) and <c>adaptive</c> (standard plus client-side rate limiting after throttling).
/// </summary>
public enum AwsRetryMode
{
    Legacy,
    Standard,
    Adaptive,
}
