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
    private readonly X509Certificate2Collection? _trustedRoots;

    public StompTlsVerifier(StompClientOptions options)
    {
        _options = options;
        if (options.VerifyServerCertificate && (options.CaBundle is not null || options.CaFile is not null))
        {
            try
            {
                _trustedRoots = (options.CaBundle ?? CaBundle.Load(options.CaFile!)).Certificates;
            }
            catch (CaBundleException e)
            {
                throw new ArgumentException($"CA file {e.Message}", nameof(options), e);
            }
        }
    }

    public SslClientAuthenticationOptions CreateAuthenticationOptions() => new()
    {
        TargetHost = _options.Host,
        EnabledSslProtocols = SslProtocols.None,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = Validate,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_options.VerifyServerCertificate)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        if (_trustedRoots is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
