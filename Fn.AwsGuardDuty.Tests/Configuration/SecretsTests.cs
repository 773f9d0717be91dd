using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class SecretsTests
{
    [TestCase("api_key_secret")]
    [TestCase("password")]
    [TestCase("aws_gd_secret_access_key")]
    [TestCase("aws_gd_session_token")]
    [TestCase("proxy_password")]
    public void Secret_key_names_are_recognised(string key) => SecretKeyNames.IsSecret(key).Should().BeTrue();

    [TestCase("api_key_id")]
    [TestCase("aws_gd_access_key_id")]
    [TestCase("stomp_timeout")]
    [TestCase("host")]
    public void Other_keys_are_not_secret(string key) => SecretKeyNames.IsSecret(key).Should().BeFalse();

    [Test]
    public void SecretValue_never_shows_itself()
    {
        var secret = new SecretValue("hunter22");
        secret.ToString().Should().NotContain("hunter22");
        $"{secret}".Should().Be("********");
        secret.Reveal().Should().Be("hunter22");
    }

    [Test]
    public void Proxy_passwords_are_kept_out_of_ToString()
    {
        ProxySetting.TryParse("http://bob:pr0xy-pass@proxy.corp:3128", out var proxy, out _).Should().BeTrue();
        proxy!.ToString().Should().Be("http://bob:********@proxy.corp:3128/");
        proxy.Address.ToString().Should().NotContain("pr0xy-pass");
    }

    [Test]
    public void A_bad_secret_value_is_never_echoed()
    {
        using var files = new TestConfigFiles();
        // A secret key that gets parsed: a proxy URL with a password in an unsupported scheme.
        var problems = files.Problems(TestConfigFiles.Valid(resilientExtra: "https_proxy = ftp://u:leaky-pass@p:1"));
        problems.Single().ToString().Should().NotContain("leaky-pass");
    }

    [Test]
    public void Options_and_config_ToString_show_no_secret()
    {
        using var files = new TestConfigFiles();
        var config = files.Load(TestConfigFiles.Valid(
            resilientExtra: "https_proxy = http://u:pr0xy-secret@proxy:1",
            guardDutyExtra: $"aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = {TestConfigFiles.AwsSecret}\naws_gd_session_token = the-session-token"));
        var texts = new[]
        {
            config.ToString(), config.Resilient.ToString()!, config.GuardDuty.ToString()!,
            config.Resilient.ApiKeySecret!.ToString(), config.GuardDuty.SecretAccessKey!.ToString(),
            config.GuardDuty.SessionToken!.ToString(), config.Resilient.HttpsProxy!.ToString(),
            config.Resilient.LoginSecret!.ToString(),
        };
        foreach (var text in texts)
        {
            text.Should().NotContainAny(TestConfigFiles.ApiKeySecret, TestConfigFiles.AwsSecret, "the-session-token", "pr0xy-secret");
        }
    }

    [Test]
    public void Every_secret_value_is_collected_for_the_log_redactor()
    {
        using var files = new TestConfigFiles();
        files.Variables["TOK"] = "env-session-token";
        var config = files.Load(TestConfigFiles.Valid(
            resilientExtra: "https_proxy = http://u:pr%2Fxy@proxy:1\npassword = the-password",
            guardDutyExtra: $"aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = {TestConfigFiles.AwsSecret}\naws_gd_session_token = $TOK",
            more: "[other_app]\nclient_secret = other-app-secret"));
        config.SecretValues.Should().Contain(
        [
            TestConfigFiles.ApiKeySecret, TestConfigFiles.AwsSecret, "env-session-token", "the-password", "pr%2Fxy", "pr/xy", "other-app-secret",
        ]);
        config.SecretValues.Should().NotContain("AKIA1");
    }

    [Test]
    public void Problems_in_a_config_full_of_secrets_never_contain_them()
    {
        using var files = new TestConfigFiles();
        var problems = files.Problems(TestConfigFiles.Valid(
            resilientExtra: "port = nope\npassword = pw-secret-xyz",
            guardDutyExtra: $"aws_gd_secret_access_key = {TestConfigFiles.AwsSecret}\naws_gd_session_token = tok-secret-xyz"));
        var all = string.Join("\n", problems) + new ConfigurationException(problems).Message;
        all.Should().NotContainAny(TestConfigFiles.ApiKeySecret, TestConfigFiles.AwsSecret, "pw-secret-xyz", "tok-secret-xyz");
        problems.Should().Contain(p => p.Key == "aws_gd_access_key_id");
    }
}
