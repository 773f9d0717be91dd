using System.Security.Authentication;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Says what a STOMP failure (connect, login, SUBSCRIBE) means and what to fix.</summary>
public static class StompFailures
{
    public static FailureDescription Describe(Exception error, ResilientOptions resilient, string queue)
    {
        var endpoint = $"{resilient.EffectiveStompHost}:{resilient.StompPort}";
        var credentials = resilient.AuthMode == SoarAuthMode.ApiKey ? "api_key_id/api_key_secret" : "email/password";
        var brokerText = error switch
        {
            ListenerAuthorizationException l => l.BrokerMessage,
            StompErrorException s => $"{s.ErrorMessage} {s.Details}",
            _ => null,
        };

        if (brokerText is not null)
        {
            if (Mentions(brokerText, "not authorized to read") || Mentions(brokerText, "not authorized to create"))
            {
                return new($"the API key lacks permission to read from queue {queue}",
                    $"grant the API key (or user) access to message destination {resilient.Destination} in SOAR; `fn-aws-guardduty customize` does this");
            }

            if (Mentions(brokerText, "password is invalid") || Mentions(brokerText, "authentication failed") || Mentions(brokerText, "not authorized"))
            {
                return new($"STOMP login refused by {endpoint} ({OneLine(brokerText)})", $"check {credentials} in [resilient]");
            }

            return new($"the STOMP broker at {endpoint} answered with an error ({OneLine(brokerText)})",
                $"check stomp_host, stomp_port and {credentials} in [resilient]");
        }

        if (error is StompConnectionException && error.InnerException is AuthenticationException tls)
        {
            return new($"the STOMP server's TLS certificate at {endpoint} was not accepted ({tls.Message})",
                "check stomp_cafile (else cafile) in [resilient]: a PEM or DER file with the CA that issued the broker's certificate; and that stomp_host matches it");
        }

        return new($"cannot connect to STOMP at {endpoint} ({error.Message})",
            "check stomp_host, stomp_port and stomp_tls in [resilient], and that the firewall lets the connection through");
    }

    private static bool Mentions(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
