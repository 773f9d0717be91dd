using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// PAM_VERIFY_SERVER_CERT as a CA file: the Vault server's certificate must chain to a certificate of the bundle (a custom
/// root store, as requests' <c>verify=&lt;path&gt;</c>); the host name is always checked.
/// </summary>
public sealed class VaultCertificateValidator(CaBundle bundle)
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
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }
}
