using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// AWS_CA_BUNDLE: an AWS endpoint's certificate must chain to a certificate of the bundle (a custom root store, so the
/// system roots do not count, as botocore's <c>verify=</c> bundle). The host name is always checked.
/// </summary>
public sealed class AwsCertificateValidator(CaBundle bundle)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(bundle.Certificates);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the server sent may be needed to reach a root of the bundle.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }
}
