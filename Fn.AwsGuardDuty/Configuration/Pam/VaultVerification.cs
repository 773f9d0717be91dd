using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// PAM_VERIFY_SERVER_CERT, as IBM's get_verify_from_string reads it: unset or <c>true</c> (any case) = verify against the
/// system roots, <c>false</c> = no verification, anything else = the path of a CA bundle the server must chain to.
/// </summary>
public sealed record VaultVerification(bool Verify, CaBundle? Bundle)
{
    public static VaultVerification Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new VaultVerification(true, null);
        }

        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new VaultVerification(false, null);
        }

        try
        {
            return new VaultVerification(true, CaBundle.Load(trimmed));
        }
        catch (CaBundleException e)
        {
            throw new VaultException($"{VaultSettings.VerifyServerCert}: the CA file {e.Message}", e);
        }
    }
}
