namespace Fn.AwsGuardDuty.Soar;

/// <summary>Base of every error the SOAR client raises. Messages never carry a secret.</summary>
public class SoarException : Exception
{
    public SoarException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
