using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Sandbox.Vault;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Configuration.Pam;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;

namespace Fn.AwsGuardDuty.Tests.Hosting;

/// <summary>
/// An App Host deployment whose SOAR API key secret and AWS secret key live in HashiCorp Vault: app.config holds
/// <c>^secret.soar/app.api_key_secret</c> and <c>^secret.aws/guardduty.secret_access_key</c>, the HashiCorpVault plugin's
/// settings are App Host protected secrets, and Vault is served over HTTPS with a CA named by PAM_VERIFY_SERVER_CERT. The
/// SOAR login and a signed GuardDuty call succeed against emulators that accept nothing but the real secrets.
/// </summary>
public class VaultPamEndToEndTests
{
    private const string ApiKeyId = "vault-key";
    private const string SoarSecret = "vault-held-SOAR-secret-5150";
    private const string AwsKey = "AKIAVAULTPAMSECRET01";
    private const string AwsSecret = "vault/held+aws/SECRET-000000000000000000";

    [Test]
    public async Task Vault_secrets_log_in_to_SOAR_and_sign_GuardDuty_calls_and_no_log_line_carries_them()
    {
        using var files = new TestConfigFiles();
        using var vaultCa = LocalCertificateAuthority.Create("vault e2e CA");
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions
        {
            AppRoles = [VaultPamSetup.Role],
            ServerCertificate = vaultCa.IssueServerCertificate(),
        });
        vault.State.Put("secret", "soar/app", new Dictionary<string, string> { ["api_key_secret"] = SoarSecret });
        vault.State.Put("secret", "aws/guardduty", new Dictionary<string, string> { ["secret_access_key"] = AwsSecret });
        var vaultCaPath = Path.Combine(files.Directory, "vault-ca.pem");
        vaultCa.WriteCertificatePem(vaultCaPath);
        VaultPamSetup.LayOut(files, vault, verifyServerCert: vaultCaPath);

        var soarCa = Path.Combine(files.Directory, "soar-ca.pem");
        await using var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = soarCa,
            Orgs = [new SoarOrgOptions { Id = 202, Name = "Vault Org" }],
            ApiKeys = [new SoarApiKeyOptions { Id = ApiKeyId, Secret = SoarSecret }],
        });
        await using var aws = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(AwsKey, AwsSecret, "111111111111")],
        });

        var config = files.Load($"""
            [resilient]
            host = 127.0.0.1
            port = {soar.Port}
            org = Vault Org
            api_key_id = {ApiKeyId}
            api_key_secret = ^secret.soar/app.api_key_secret
            cafile = {soarCa}

            [fn_aws_guardduty]
            aws_gd_master_region = us-east-1
            aws_gd_regions = .*
            aws_gd_access_key_id = {AwsKey}
            aws_gd_secret_access_key = ^secret.aws/guardduty.secret_access_key
            aws_gd_endpoint_url = {aws.Endpoint}
            """);
        var capture = new LogCapture();
        using var loggerFactory = capture.CreateFactory();

        await using var runtime = await AppRuntime.CreateAsync(config, loggerFactory, CancellationToken.None);
        await runtime.GuardDuty.GetClient("us-east-1").ListDetectorsPageAsync();

        runtime.Session.Org.Name.Should().Be("Vault Org", "SOAR accepted the API key secret read from Vault");
        aws.State.Calls.Count("ListDetectors").Should().Be(1, "the emulator verified a signature made with the AWS secret read from Vault");
        vault.State.Logins.Should().Be(1);
        capture.Lines.Should().NotBeEmpty();
        capture.LinesContainingAny([SoarSecret, AwsSecret, VaultPamSetup.SecretId]).Should().BeEmpty();
        config.SecretValues.Should().Contain([SoarSecret, AwsSecret]);
        new SecretRedactor(config.SecretValues).Redact($"x {SoarSecret} y {AwsSecret}").Should().Be($"x {SecretRedactor.Mask} y {SecretRedactor.Mask}");
    }
}
