using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Fn.AwsGuardDuty.Tls;

/// <summary>
/// The CA certificates a TLS server chain must end in (<c>cafile</c>, <c>stomp_cafile</c>): read once, from PEM (one
/// certificate or a bundle of many) or DER (one certificate), and handed to the SOAR REST and STOMP clients alike.
/// </summary>
public sealed class CaBundle
{
    private const string PemMarker = "-----BEGIN CERTIFICATE-----";

    private CaBundle(string path, X509Certificate2Collection certificates)
    {
        Path = path;
        Certificates = certificates;
    }

    /// <summary>The file the certificates came from, for messages.</summary>
    public string Path { get; }

    /// <summary>Never empty.</summary>
    public X509Certificate2Collection Certificates { get; }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="CaBundleException"/> saying why the file is refused.</summary>
    public static CaBundle Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaBundleException(path, $"cannot be read ({e.Message})", e);
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            if (LooksLikePem(bytes))
            {
                certificates.ImportFromPem(Encoding.ASCII.GetString(bytes));
            }
            else if (bytes.Length > 0)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw new CaBundleException(path, $"is not a PEM or DER certificate file ({e.Message})", e);
        }

        if (certificates.Count == 0)
        {
            throw new CaBundleException(path, "holds no certificate (expected PEM with BEGIN CERTIFICATE blocks, or one DER certificate)");
        }

        return new CaBundle(path, certificates);
    }

    /// <summary>
    /// A chain policy that trusts these certificates and nothing else (no system roots), without revocation checks. A
    /// new policy each call; SslStream clones the one it is given for each handshake.
    /// </summary>
    public X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(Certificates);
        return policy;
    }

    public override string ToString() => $"{Path} ({Certificates.Count} certificate{(Certificates.Count == 1 ? "" : "s")})";

    private static bool LooksLikePem(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).Contains(PemMarker, StringComparison.Ordinal);
}
