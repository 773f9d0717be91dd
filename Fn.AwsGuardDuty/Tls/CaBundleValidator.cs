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
    /// <summary>
    /// Sets <paramref name="ssl"/> to build the server's chain against the bundle alone (SslStream adds the intermediates
    /// the server sends) and to accept only a handshake without errors. The chain is built once per handshake (the
    /// callback used to build a second one on top of SslStream's). The system roots do not count, though .NET on Linux
    /// still loads the system store when it builds a chain.
    /// </summary>
    public void ApplyTo(SslClientAuthenticationOptions ssl)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        ssl.CertificateChainPolicy = bundle.ChainPolicy();
        ssl.RemoteCertificateValidationCallback = static (_, _, _, errors) => errors == SslPolicyErrors.None;
    }
}
