using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Tls;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>
/// Issues the emulator's server certificate from the local CA. The key is ECDSA P-256 like the CA's own, because
/// <see cref="LocalCertificateAuthority.IssueServerCertificate"/> signs an RSA request with the ECDSA CA certificate,
/// which .NET refuses (it needs an explicit signature generator); reported to the lead rather than edited here.
/// </summary>
internal static class SoarServerCertificate
{
    public static X509Certificate2 Issue(LocalCertificateAuthority ca, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca.Certificate, now.AddDays(-1), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so SslStream on Linux gets a usable private key.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
