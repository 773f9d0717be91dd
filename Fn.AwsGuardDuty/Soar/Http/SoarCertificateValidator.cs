using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Tls;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Decides whether SOAR's TLS certificate is trusted: against the CA certificates of <c>cafile</c> (a custom root
/// store, so the system roots do not count), or the system store when there is no cafile. The host name is always
/// checked. Verification is off only when the options say so, with one warning.
/// </summary>
internal sealed class SoarCertificateValidator
{
    private readonly CaBundle? _trustedRoots;
    private readonly bool _verify;
    private readonly string _trustSource;
    private string? _lastFailure;

    public SoarCertificateValidator(SoarClientOptions options, ILogger logger)
    {
        _verify = options.VerifyTls;
        if (!_verify)
        {
            _trustSource = "nothing (verification disabled)";
            logger.LogWarning("TLS certificate verification for SOAR {Host}:{Port} is DISABLED (cafile = false); the connection can be intercepted",
                options.Host, options.Port);
            return;
        }

        if ((options.CaBundle ?? LoadCaFile(options.CaFile)) is { } bundle)
        {
            _trustedRoots = bundle;
            _trustSource = $"cafile {bundle.Path}";
        }
        else
        {
            _trustSource = "the system trust store";
        }
    }

    /// <summary>Why the last certificate was refused, for the error message.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    public string TrustSource => _trustSource;

    /// <summary>
    /// The chain policy for the TLS handshake: trust only the cafile's CAs (the server's intermediates are added by
    /// SslStream), no revocation check; null to use the system store.
    /// </summary>
    public X509ChainPolicy? ChainPolicy() => _trustedRoots?.ChainPolicy();

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_verify)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Fail("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Fail("the certificate does not match the host name");
        }

        // With a cafile the chain SslStream built already used ChainPolicy (custom root trust), so its verdict is the
        // cafile's: no second chain is built per connection.
        return errors == SslPolicyErrors.None || Fail(Describe(chain));
    }

    private bool Fail(string reason)
    {
        Volatile.Write(ref _lastFailure, reason);
        return false;
    }

    private static string Describe(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return "the certificate chain is not trusted";
        }

        return "the certificate chain is not trusted: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
    }

    private static CaBundle? LoadCaFile(string? path)
    {
        try
        {
            return path is null ? null : CaBundle.Load(path);
        }
        catch (CaBundleException e)
        {
            throw new SoarOptionsException("cafile", e.Message);
        }
    }
}
