using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Tls;

namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>
/// The SSL connector's identity: a fresh local CA (written as PEM for clients), a server certificate for localhost and
/// 127.0.0.1 imported into a JKS key store with keytool, and an unrelated CA's PEM that verification must reject.
/// </summary>
public static class ActiveMqKeyStore
{
    public const string StorePassword = "changeit";

    /// <summary>Writes <paramref name="caPemPath"/>, <paramref name="wrongCaPemPath"/> and the JKS <paramref name="keyStorePath"/>.</summary>
    public static async Task CreateAsync(string directory, string caPemPath, string wrongCaPemPath, string keyStorePath, CancellationToken cancellationToken)
    {
        using var ca = LocalCertificateAuthority.Create("fn-aws-guardduty test broker CA");
        ca.WriteCertificatePem(caPemPath);
        using (var wrong = LocalCertificateAuthority.Create("unrelated CA"))
        {
            wrong.WriteCertificatePem(wrongCaPemPath);
        }

        using var server = ca.IssueServerCertificate("localhost", "127.0.0.1");
        var p12 = Path.Combine(directory, "broker.p12");
        await File.WriteAllBytesAsync(p12, server.Export(X509ContentType.Pkcs12, StorePassword), cancellationToken).ConfigureAwait(false);
        await RunAsync(ActiveMqInstallation.Keytool, cancellationToken,
            "-importkeystore", "-noprompt",
            "-srckeystore", p12, "-srcstoretype", "PKCS12", "-srcstorepass", StorePassword,
            "-destkeystore", keyStorePath, "-deststoretype", "JKS", "-deststorepass", StorePassword).ConfigureAwait(false);
    }

    private static async Task RunAsync(string program, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }
    }
}
