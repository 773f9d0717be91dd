using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fn.AwsGuardDuty.Sandbox.Tls;

/// <summary>
/// A throw-away certificate authority for loopback servers (SOAR REST, STOMP over TLS, ActiveMQ's SSL connector).
/// The app is pointed at <see cref="WriteCertificatePem"/>'s file through <c>cafile</c>, so its TLS
/// verification runs for real instead of being switched off.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    private LocalCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static LocalCertificateAuthority Create(string commonName = "fn-aws-guardduty sandbox CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new LocalCertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2)));
    }

    /// <summary>Issues a server certificate (with its private key) for the given DNS names and IP addresses.</summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        if (names.Length == 0)
        {
            names = ["localhost", "127.0.0.1"];
        }

        // The leaf key is ECDSA like the CA's: CertificateRequest.Create refuses an issuer of another key family.
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
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddDays(-1), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on Linux and exportable for Java keystores.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    public void WriteCertificatePem(string path) => File.WriteAllText(path, ExportCertificatePem() + "\n");

    public void Dispose() => Certificate.Dispose();
}
