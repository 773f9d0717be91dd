namespace Fn.AwsGuardDuty.Soar;

/// <summary>SOAR answered 2xx with a body this client cannot use (not JSON, wrong shape, a PATCH status without <c>success</c>).</summary>
public sealed class SoarProtocolException : SoarException
{
    public SoarProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
