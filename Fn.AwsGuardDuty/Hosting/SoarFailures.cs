using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Says what a SOAR login failure means and which <c>[resilient]</c> keys to check.</summary>
public static class SoarFailures
{
    public static FailureDescription Describe(Exception error, ResilientOptions resilient)
    {
        var credentials = resilient.AuthMode == SoarAuthMode.ApiKey ? "api_key_id/api_key_secret" : "email/password";
        return error switch
        {
            SoarAuthenticationException e => new($"SOAR login refused ({e.Message})",
                $"check {credentials} in [resilient], and that the account is allowed to log in"),
            SoarOrgException e => new($"SOAR org problem ({e.Message})",
                "check org in [resilient]: the org's name, uuid or cloud_account, and that it is enabled"),
            SoarTlsException e => new($"SOAR's TLS certificate was not accepted ({e.Message})",
                "check cafile in [resilient] (a PEM or DER file with the CA that issued SOAR's certificate) and that host matches the certificate"),
            SoarConnectionException e => new($"SOAR is not reachable ({e.Message})",
                "check host and port in [resilient], the proxy settings (https_proxy) and the network path"),
            SoarOptionsException e => new(e.Message, "fix that key in [resilient]"),
            SoarException e => new($"SOAR login failed ({e.Message})", "check host, port and org in [resilient]"),
            _ => new($"SOAR login failed ({error.GetType().Name}: {error.Message})", "check the [resilient] section"),
        };
    }
}
