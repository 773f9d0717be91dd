using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Configuration.Pam;
using Fn.AwsGuardDuty.Tests.Cli;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary>
/// App Host protected secrets (<c>$NAME</c> from /etc/secrets, IBM's resilient library) and <c>^</c> PAM references,
/// resolved once at load, over a secrets folder laid out as App Host does.
/// </summary>
public class AppHostSecretsTests
{
    private TestConfigFiles _files = null!;
    private AppHostSecretsFolder _secrets = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new TestConfigFiles();
        _secrets = new AppHostSecretsFolder(Path.Combine(_files.Directory, "etc-secrets"));
        _files.SecretsDirectory = _secrets.Directory;
        _files.Variables[AppHostSecrets.ContainerVariable] = "1";
    }

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void IBMs_own_fixture_decrypts_to_the_value_IBMs_test_expects()
    {
        // resilient-python-api resilient/tests/shared_mock_data/mock_secrets: .jwk/key.jwk and API_KEY; test_helpers.py
        // asserts the decrypted value below.
        _secrets.WriteKeyJson("""{"kty":"oct","k":"W4VMVYqZg-xGiDTGjFFwRvbzf098AskheVdZPbpiYvE","alg":"A256GCM"}""");
        _secrets.AddRaw("API_KEY", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..BRnC7Jkp6jtAUeki.6gJtuWBnQdo-WUX0OErbI9ARapO__rcfEoHyxcKDosVuFSsKCUqRJZ3lZA.fap4VWIeB2qFQ0e0ZaIUhg\n");

        var config = _files.Load(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $API_KEY"));

        config.Resilient.ApiKeySecret!.Reveal().Should().Be("JbkOxTInUg1aIRGxXI8zOG1A25opU39lDKP1_0rfeVQ");
    }

    [Test]
    public void Whole_and_braced_references_take_the_protected_secret_before_the_environment_variable()
    {
        _secrets.Add("SOAR_SECRET", "from-the-secret-file");
        _secrets.Add("AWS_PART", "wJalrXUtnFEMI");
        _files.Variables["SOAR_SECRET"] = "from-the-environment";
        _files.Variables["AWS_REST"] = "K7MDENG/bPxRfiCYEXAMPLEKEY";

        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = ${AWS_PART}/${AWS_REST}")
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $SOAR_SECRET"));

        config.Resilient.ApiKeySecret!.Reveal().Should().Be("from-the-secret-file");
        config.GuardDuty.SecretAccessKey!.Reveal().Should().Be("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    [Test]
    public void Outside_App_Host_the_files_are_not_read_and_the_environment_answers()
    {
        _files.Variables.Remove(AppHostSecrets.ContainerVariable);
        _secrets.Add("SOAR_SECRET", "from-the-secret-file");
        _files.Variables["SOAR_SECRET"] = "from-the-environment";

        var config = _files.Load(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $SOAR_SECRET"));

        config.Resilient.ApiKeySecret!.Reveal().Should().Be("from-the-environment");
    }

    [Test]
    public void A_protected_value_is_redacted_whatever_its_key_is_called()
    {
        _secrets.Add("SOAR_HOST", "soar-internal.example.com");

        var config = _files.Load(TestConfigFiles.Valid().Replace("host = soar.example.com", "host = $SOAR_HOST"));

        config.Resilient.Host.Should().Be("soar-internal.example.com");
        config.SecretValues.Should().Contain("soar-internal.example.com");
    }

    [Test]
    public void A_reference_found_nowhere_names_the_key()
    {
        var problems = _files.Problems(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $NOT_THERE"));

        problems.Select(p => p.ToString()).Should().Equal(
            "app.config: [resilient] api_key_secret: refers to NOT_THERE, which is neither an App Host protected secret nor an environment variable");
    }

    [Test]
    public void A_secret_encrypted_with_another_key_names_the_key_and_never_the_value()
    {
        _secrets.Add("SOAR_SECRET", "the-plain-value-123", key: new byte[32]);

        var problem = _files.Problems(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $SOAR_SECRET"))
            .Should().ContainSingle().Subject;

        problem.Section.Should().Be("resilient");
        problem.Key.Should().Be("api_key_secret");
        problem.Message.Should().StartWith("the protected secret SOAR_SECRET cannot be decrypted with " + _secrets.KeyPath);
        problem.ToString().Should().NotContain("the-plain-value-123");
    }

    [Test]
    public void A_missing_or_broken_key_file_names_it()
    {
        _secrets.Add("SOAR_SECRET", "the-plain-value-123");
        _secrets.WriteKeyJson("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""");

        var problem = _files.Problems(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = $SOAR_SECRET"))
            .Should().ContainSingle().Subject;

        problem.ToString().Should().Be($"app.config: [resilient] api_key_secret: the App Host secrets key {_secrets.KeyPath} is not a symmetric (kty \"oct\") JSON Web Key");
    }

    [Test]
    public async Task Run_with_an_unresolvable_reference_exits_2_naming_the_key()
    {
        using var cli = new CliHarness();
        cli.Files.SecretsDirectory = _secrets.Directory;
        cli.Files.Variables[AppHostSecrets.ContainerVariable] = "true";
        var path = cli.Files.Write(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = $AWS_SECRET_KEY"));

        (await cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);

        cli.ErrorLines.Should().Equal(
            "app.config: [fn_aws_guardduty] aws_gd_secret_access_key: refers to AWS_SECRET_KEY, which is neither an App Host protected secret nor an environment variable");
    }

    [TestCase(null, null, "Keyring")]
    [TestCase("pam_type = Cyberark", null, "Cyberark")]
    [TestCase(null, "IBMVerifyVault", "IBMVerifyVault")]
    public void A_PAM_reference_outside_App_Host_names_the_key_and_the_plugin(string? pamType, string? pamTypeVariable, string plugin)
    {
        _files.Variables.Remove(AppHostSecrets.ContainerVariable);
        if (pamTypeVariable is not null) _files.Variables[PamPlugin.PamTypeSecret] = pamTypeVariable;

        var problems = _files.Problems(TestConfigFiles.Valid(resilientExtra: pamType ?? "")
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = ^soar_api_secret"));

        problems.Select(p => p.ToString()).Should().Equal(
            $"app.config: [resilient] api_key_secret: is a PAM reference (^…) for the {plugin} plugin, which this app does not support (only HashiCorpVault); " +
            "use HashiCorpVault, an App Host protected secret ($NAME) or an environment variable ($NAME)");
    }

    [Test]
    public void On_App_Host_the_PAM_TYPE_secret_chooses_the_plugin_and_an_unknown_one_is_named()
    {
        _secrets.Add("PAM_TYPE", "Thycotic");

        var problems = _files.Problems(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = ^{aws_secret}"));

        problems.Select(p => p.ToString()).Should().Equal(
            "app.config: [fn_aws_guardduty] aws_gd_secret_access_key: is a PAM reference (^…) but pam_type 'Thycotic' is not a PAM plugin (IBM's: Keyring, HashiCorpVault, Cyberark, IBMVerifyVault; this app supports HashiCorpVault)");
    }

    [Test]
    public void On_App_Host_without_a_PAM_plugin_a_reference_says_none_is_configured()
    {
        var problems = _files.Problems(TestConfigFiles.Valid().Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "api_key_secret = ^soar"));

        problems.Should().ContainSingle().Which.Message.Should().StartWith("is a PAM reference (^…) but no PAM plugin is configured");
    }

    [Test]
    public void A_leading_caret_outside_our_secret_keys_is_kept_as_written()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_finding_types = ^Recon:", more: "[fn_other_app]\npassword = ^their_secret"));

        config.GuardDuty.FindingTypes!.ToString().Should().Be("^Recon:", "a regular expression, not a PAM reference");
        config.Document.Get("fn_other_app", "password").Should().Be("^their_secret", "another app's section is its own business");
    }
}
