namespace Fn.AwsGuardDuty.Soar;

/// <summary>SOAR refused the credentials (HTTP 401/403 on login, or 401 again right after a fresh login).</summary>
public sealed class SoarAuthenticationException : SoarException
{
    public SoarAuthenticationException(string message, int? statusCode = null)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }
}
