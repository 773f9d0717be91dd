namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>One attempt ran past <see cref="SoarClientOptions.RequestTimeout"/> (distinct from the caller cancelling).</summary>
internal sealed class SoarAttemptTimeoutException : TimeoutException
{
    public SoarAttemptTimeoutException(TimeSpan timeout)
        : base($"no answer within {timeout.TotalSeconds:0.###} s")
    {
    }
}
