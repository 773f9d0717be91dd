using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// Builds the TLS client settings: SNI and hostname check against <see cref="StompClientOptions.Host"/>, and a chain
/// that must end in a CA from <see cref="StompClientOptions.CaBundle"/> (else <see cref="StompClientOptions.CaFile"/>) (custom trust store) or in the system roots.
/// </summary>
public sealed class StompTlsVerifier
{
    private readonly StompClientOptions _options;
    private readonly CaBundle? _trustedRoots;

    public StompTlsVerifier(StompClientOptions options)
    {
        _options = options;
        if (options.VerifyServerCertificate && (options.CaBundle is not null || options.CaFile is not null))
        {
            try
            {
                _trustedRoots = options.CaBundle ?? CaBundle.Load(options.CaFile!);
            }
            catch (CaBundleException e)
            {
                throw new ArgumentException($"CA file {e.Message}", nameof(options), e);
            }
        }
    }

    /// <summary>
    /// With a CA bundle the handshake builds the chain against it alone (the system roots do not count); without one,
    /// against the system roots. Either way only an error-free handshake is accepted, unless verification is off.
    /// </summary>
    public SslClientAuthenticationOptions CreateAuthenticationOptions() => new()
    {
        TargetHost = _options.Host,
        EnabledSslProtocols = SslProtocols.None,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = _options.VerifyServerCertificate ? _trustedRoots?.ChainPolicy() : null,
        RemoteCertificateValidationCallback = Validate,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        !_options.VerifyServerCertificate || errors == SslPolicyErrors.None;
}
