namespace Fn.AwsGuardDuty.Soar;

/// <summary>The TLS handshake failed, typically because SOAR's certificate is not trusted by <c>cafile</c> or does not match the host. Never retried.</summary>
public sealed class SoarTlsException : SoarConnectionException
{
    public SoarTlsException(string message, Exception? innerException = null)
        : base(message, 1, innerException)
    {
    }
}
