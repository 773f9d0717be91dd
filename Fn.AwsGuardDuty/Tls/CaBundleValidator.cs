using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fn.AwsGuardDuty.Tls;

/// <summary>
/// Trust exactly a CA bundle (AWS_CA_BUNDLE, PAM_VERIFY_SERVER_CERT as a file): the server's certificate must chain to
/// a certificate of the bundle, a custom root store, so the system roots do not count (as botocore's and requests'
/// <c>verify=&lt;path&gt;</c>). The host name is always checked.
/// </summary>
public sealed class CaBundleValidator(CaBundle bundle)
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
