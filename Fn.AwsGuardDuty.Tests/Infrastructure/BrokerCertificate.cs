using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Tls;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// Issues the broker's server certificate from a <see cref="LocalCertificateAuthority"/>. The sandbox's own
/// <c>IssueServerCertificate</c> signs an RSA request with the CA's ECDSA key through the overload that needs
/// matching key types, and throws; this signs explicitly with an ECDSA signature generator instead.
/// </summary>
public static class BrokerCertificate
{
    public static X509Certificate2 Issue(LocalCertificateAuthority authority, params string[] names)
    {
        using var caKey = authority.Certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("the CA certificate has no ECDSA private key");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority.Certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            now.AddDays(-1), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
