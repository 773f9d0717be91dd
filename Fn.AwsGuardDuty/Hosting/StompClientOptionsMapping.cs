using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// <c>[resilient]</c> → <see cref="StompClientOptions"/>: stomp_host (else host), stomp_port, stomp_tls; the server is
/// verified against the CA bundle of stomp_cafile, else cafile (read once at load), else the system roots; <c>false</c> turns verification off (the client
/// warns at start); login/passcode are the API key, else email/password; stomp_timeout bounds connect and receipts.
/// </summary>
public static class StompClientOptionsMapping
{
    public static StompClientOptions From(ResilientOptions resilient)
    {
        ArgumentNullException.ThrowIfNull(resilient);
        var ca = resilient.EffectiveStompCaFile;
        return new StompClientOptions
        {
            Host = resilient.EffectiveStompHost,
            Port = resilient.StompPort,
            UseTls = resilient.StompTls,
            CaBundle = ca.Mode == CaFileMode.File ? ca.Bundle : null,
            VerifyServerCertificate = ca.Mode != CaFileMode.Disabled,
            Login = resilient.Login,
            Passcode = resilient.LoginSecret?.Reveal() ?? "",
            ConnectTimeout = resilient.StompTimeout,
        };
    }
}
