namespace Fn.AwsGuardDuty.Soar;

/// <summary>SOAR could not be reached (connection refused, DNS, timeout, broken stream), after the retries allowed.</summary>
public class SoarConnectionException : SoarException
{
    public SoarConnectionException(string message, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Attempts = attempts;
    }

    public int Attempts { get; }
}
