using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Configuration.Pam;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Sandbox.Vault;
using Fn.AwsGuardDuty.Tests.Cli;

namespace Fn.AwsGuardDuty.Tests.Configuration.Pam;

/// <summary>
/// <c>^engine.path.key</c> references resolved through the HashiCorpVault plugin against the Vault emulator, with the
/// plugin's settings laid out as App Host protected secrets; every unresolvable reference is exit 2 from <c>run</c>,
/// naming the key and why, never the secret.
/// </summary>
public class HashiCorpVaultPamTests
{
    private const string SoarSecret = "vault-soar-Secret-value-7731";
    private const string AwsSecret = "vault/aws+Secret/KEY-0000000000000000001";

    private CliHarness _cli = null!;
    private VaultEmulator _vault = null!;
    private AppHostSecretsFolder _secrets = null!;

    [SetUp]
    public async Task SetUp()
    {
        _cli = new CliHarness();
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { AppRoles = [VaultPamSetup.Role] });
        _vault.State.Put("secret", "soar/app", new Dictionary<string, string> { ["api_key_secret"] = SoarSecret });
        _vault.State.Put("secret", "aws/guardduty", new Dictionary<string, string> { ["access_key_id"] = "AKIAVAULTKEY00000001", ["secret_access_key"] = AwsSecret });
        _secrets = VaultPamSetup.LayOut(_cli.Files, _vault);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _vault.DisposeAsync();
        _cli.Dispose();
    }

    private static string Config(string apiKeySecret, string guardDutyExtra = "") =>
        TestConfigFiles.Valid(guardDutyExtra: guardDutyExtra).Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", $"api_key_secret = {apiKeySecret}");

    [Test]
    public void References_in_any_key_resolve_with_one_login_and_one_read_per_secret_and_become_secrets()
    {
        var config = _cli.Files.Load(Config("^secret.soar/app.api_key_secret",
            "aws_gd_access_key_id = ^secret.aws/guardduty.access_key_id\naws_gd_secret_access_key = ^{secret.aws/guardduty.secret_access_key}"));

        config.Resilient.ApiKeySecret!.Reveal().Should().Be(SoarSecret);
        config.GuardDuty.AccessKeyId.Should().Be("AKIAVAULTKEY00000001", "IBM resolves ^ in every key once a plugin is configured");
        config.GuardDuty.SecretAccessKey!.Reveal().Should().Be(AwsSecret);
        config.SecretValues.Should().Contain([SoarSecret, AwsSecret, "AKIAVAULTKEY00000001"]);
        _vault.State.Logins.Should().Be(1);
        _vault.State.Reads.Should().Be(2, "two secrets, the second read once for both of its keys");
    }

    [Test]
    public void A_bracketed_reference_is_replaced_inside_a_longer_value()
    {
        _vault.State.Put("secret", "proxy", new Dictionary<string, string> { ["user"] = "squid", ["password"] = "pr0xy-Pass" });

        var config = _cli.Files.Load(Config(TestConfigFiles.ApiKeySecret, "https_proxy = http://^{secret.proxy.user}:^{secret.proxy.password}@127.0.0.1:3128"));

        config.Document.Get(ConfigSections.GuardDuty, "https_proxy").Should().Be("http://squid:pr0xy-Pass@127.0.0.1:3128");
        config.SecretValues.Should().Contain("pr0xy-Pass");
    }

    [Test]
    public void A_regular_expression_key_keeps_its_leading_caret()
    {
        var config = _cli.Files.Load(Config(TestConfigFiles.ApiKeySecret, "aws_gd_finding_types = ^Recon.Thing.x"));

        config.GuardDuty.FindingTypes!.ToString().Should().Be("^Recon.Thing.x", "an anchor of a regular expression, not a reference");
        _vault.State.Logins.Should().Be(0);
    }

    [Test]
    public void Outside_App_Host_the_settings_come_from_environment_variables()
    {
        _cli.Files.Variables.Remove(AppHostSecrets.ContainerVariable);
        _cli.Files.Variables[PamPlugin.PamTypeSecret] = PamPlugin.HashiCorpVault;
        _cli.Files.Variables[VaultSettings.AddressName] = _vault.Address.ToString();
        _cli.Files.Variables[VaultSettings.AppIdName] = VaultPamSetup.RoleId;
        _cli.Files.Variables[VaultSettings.SecretIdName] = VaultPamSetup.SecretId;

        _cli.Files.Load(Config("^secret.soar/app.api_key_secret")).Resilient.ApiKeySecret!.Reveal().Should().Be(SoarSecret);
    }

    [TestCase("^secret.soar/nothere.api_key_secret", "Vault has no secret at secret/soar/nothere")]
    [TestCase("^secret.soar/app.no_such_key", "the Vault secret secret/soar/app has no key 'no_such_key'")]
    [TestCase("^soar_api_key_secret", "is not a HashiCorpVault reference (^<engine>.<path>.<key>, e.g. ^secret.mysql/webapp.password)")]
    [TestCase("^{secret.soar/app.api_key_secret", "a ^{ has no closing }")]
    [TestCase("^kv1.soar/app.api_key_secret", "Vault could not read kv1/soar/app (HTTP 404: no handler for route \"kv1/data/soar/app\". route entry not found.)")]
    public async Task An_unresolvable_reference_is_exit_2_naming_the_key_and_why(string reference, string why)
    {
        await ExpectExit2(Config(reference), "[resilient] api_key_secret", why);
    }

    [Test]
    public async Task A_refused_login_is_exit_2()
    {
        _secrets.Add(VaultSettings.SecretIdName, "wrong-secret-id");

        await ExpectExit2(Config("^secret.soar/app.api_key_secret"), "[resilient] api_key_secret",
            "Vault refused the AppRole login (HTTP 400: invalid role or secret ID)");
    }

    [Test]
    public async Task A_missing_setting_is_named()
    {
        File.Delete(Path.Combine(_secrets.Directory, VaultSettings.AppIdName));

        await ExpectExit2(Config("^secret.soar/app.api_key_secret"), "[resilient] api_key_secret",
            "the HashiCorpVault plugin needs PAM_APP_ID (App Host protected secrets or environment variables)");
    }

    [Test]
    public async Task A_Vault_that_is_down_is_exit_2_for_every_key_after_one_attempt()
    {
        var address = _vault.Address;
        await _vault.StopAsync();

        using var _ = Assert.EnterMultipleScope();
        (await _cli.RunAsync("run", "-c", _cli.Files.Write(Config("^secret.soar/app.api_key_secret")))).Should().Be(ExitCodes.ConfigurationError);
        _cli.ErrorLines.Should().ContainSingle().Which.Should().StartWith(
            $"app.config: [resilient] api_key_secret: the PAM reference (^…) cannot be resolved through HashiCorpVault: Vault at {address} cannot be reached (");
    }

    [TestCase(false, "the latest version (v2) of secret/soar/app was deleted in Vault at ")]
    [TestCase(true, "the latest version (v2) of secret/soar/app was destroyed in Vault; write a new version")]
    public async Task A_deleted_or_destroyed_latest_version_is_exit_2(bool destroy, string why)
    {
        _vault.State.Put("secret", "soar/app", new Dictionary<string, string> { ["api_key_secret"] = SoarSecret + "-v2" });
        if (destroy)
        {
            _vault.State.DestroyLatest("secret", "soar/app");
        }
        else
        {
            _vault.State.DeleteLatest("secret", "soar/app");
        }

        await ExpectExit2(Config("^secret.soar/app.api_key_secret"), "[resilient] api_key_secret", why);
    }

    [TestCase("Cyberark", "is a PAM reference (^…) for the Cyberark plugin, which this app does not support (only HashiCorpVault); use HashiCorpVault, an App Host protected secret ($NAME) or an environment variable ($NAME)")]
    [TestCase("Thycotic", "is a PAM reference (^…) but pam_type 'Thycotic' is not a PAM plugin (IBM's: Keyring, HashiCorpVault, Cyberark, IBMVerifyVault; this app supports HashiCorpVault)")]
    public async Task Another_plugin_is_exit_2_naming_the_key_and_the_plugin(string plugin, string why)
    {
        _secrets.Add(PamPlugin.PamTypeSecret, plugin);

        (await _cli.RunAsync("run", "-c", _cli.Files.Write(Config(TestConfigFiles.ApiKeySecret,
                "aws_gd_access_key_id = ^secret.aws/guardduty.access_key_id\naws_gd_secret_access_key = " + TestConfigFiles.AwsSecret))))
            .Should().Be(ExitCodes.ConfigurationError);

        _cli.ErrorLines.Should().Equal($"app.config: [fn_aws_guardduty] aws_gd_access_key_id: {why}");
        _vault.State.Logins.Should().Be(0);
    }

    [Test]
    public async Task Over_HTTPS_the_server_certificate_is_verified_against_the_CA_file_or_the_system_roots()
    {
        using var ca = LocalCertificateAuthority.Create("vault test CA");
        await using var tlsVault = await VaultEmulator.StartAsync(new VaultEmulatorOptions
        {
            AppRoles = [VaultPamSetup.Role],
            ServerCertificate = ca.IssueServerCertificate(),
        });
        tlsVault.State.Put("secret", "soar/app", new Dictionary<string, string> { ["api_key_secret"] = SoarSecret });
        _secrets.Add(VaultSettings.AddressName, tlsVault.Address.ToString());
        var caPath = Path.Combine(_cli.Files.Directory, "vault-ca.pem");
        ca.WriteCertificatePem(caPath);

        _secrets.Add(VaultSettings.VerifyServerCert, caPath);
        _cli.Files.Load(Config("^secret.soar/app.api_key_secret")).Resilient.ApiKeySecret!.Reveal().Should().Be(SoarSecret);

        _secrets.Add(VaultSettings.VerifyServerCert, "FALSE");
        _cli.Files.Load(Config("^secret.soar/app.api_key_secret")).Resilient.ApiKeySecret!.Reveal().Should().Be(SoarSecret);

        _secrets.Add(VaultSettings.VerifyServerCert, "true");
        var problem = _cli.Files.Problems(Config("^secret.soar/app.api_key_secret")).Should().ContainSingle().Subject;
        problem.Message.Should().StartWith($"the PAM reference (^…) cannot be resolved through HashiCorpVault: the TLS certificate of {tlsVault.Address} is not trusted (")
            .And.EndWith("set PAM_VERIFY_SERVER_CERT to a CA file, or to false");
    }

    private async Task ExpectExit2(string config, string where, string why)
    {
        (await _cli.RunAsync("run", "-c", _cli.Files.Write(config))).Should().Be(ExitCodes.ConfigurationError);

        var line = _cli.ErrorLines.Should().ContainSingle().Subject;
        line.Should().StartWith($"app.config: {where}: ");
        line.Should().Contain(why);
        line.Should().NotContainAny(SoarSecret, AwsSecret, VaultPamSetup.SecretId);
        _cli.Out.ToString().Should().NotContainAny(SoarSecret, AwsSecret, VaultPamSetup.SecretId);
    }
}
