using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Hosting;

public class SoarClientOptionsMappingTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Every_resilient_key_reaches_the_option_of_the_same_meaning()
    {
        var ca = _files.WriteCa("work/ca.pem");
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: $"""
            port = 8443
            resource_prefix = /cp4s
            cafile = {ca}
            request_max_retries = 3
            request_retry_delay = 3s
            request_retry_backoff = 3
            https_proxy = http://proxy-user:proxy-pw@proxy.example.com:3128
            """));

        var options = SoarClientOptionsMapping.From(config.Resilient, config.Integrations);

        options.Host.Should().Be("soar.example.com");
        options.Port.Should().Be(8443);
        options.ResourcePrefix.Should().Be("/cp4s");
        options.Org.Should().Be("Test Org");
        options.ApiKeyId.Should().Be("key-id-1");
        options.ApiKeySecret.Should().Be(TestConfigFiles.ApiKeySecret);
        options.Email.Should().BeNull();
        options.CaBundle.Should().BeSameAs(config.Resilient.CaFile.Bundle, "cafile is read once, at load");
        options.CaBundle!.Path.Should().Be(ca);
        options.VerifyTls.Should().BeTrue();
        options.RequestMaxRetries.Should().Be(3);
        options.RequestRetryDelay.Should().Be(TimeSpan.FromSeconds(3));
        options.RequestRetryBackoff.Should().Be(3);
        options.EffectiveProxy!.Address.Should().Be(new Uri("http://proxy.example.com:3128/"));
        var credential = options.EffectiveProxy.Credentials!.GetCredential(options.EffectiveProxy.Address!, "Basic")!;
        (credential.UserName, credential.Password).Should().Be(("proxy-user", "proxy-pw"));
        options.Validate();
    }

    [Test]
    public void Email_and_password_are_used_when_there_is_no_api_key()
    {
        var config = _files.Load(TestConfigFiles.Valid()
            .Replace("api_key_id = key-id-1\n", "email = app@example.com\n")
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "password = pass-word-1"));

        var options = SoarClientOptionsMapping.From(config.Resilient, config.Integrations);

        options.UsesApiKey.Should().BeFalse();
        options.ApiKeyId.Should().BeNull();
        options.ApiKeySecret.Should().BeNull();
        options.Email.Should().Be("app@example.com");
        options.Password.Should().Be("pass-word-1");
    }

    [Test]
    public void Cafile_false_turns_verification_off_and_no_cafile_means_the_system_roots()
    {
        var off = _files.Load(TestConfigFiles.Valid(resilientExtra: "cafile = false"));
        var system = _files.Load(TestConfigFiles.Valid());

        SoarClientOptionsMapping.From(off.Resilient, off.Integrations).VerifyTls.Should().BeFalse();
        var roots = SoarClientOptionsMapping.From(system.Resilient, system.Integrations);
        roots.VerifyTls.Should().BeTrue();
        roots.CaFile.Should().BeNull();
        roots.CaBundle.Should().BeNull();
    }

    [Test]
    public void Integrations_proxy_is_the_fallback_and_zero_retries_still_make_one_attempt()
    {
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: "request_max_retries = 0",
            more: "[integrations]\nhttps_proxy = http://integrations-proxy:8080"));

        var options = SoarClientOptionsMapping.From(config.Resilient, config.Integrations);

        options.EffectiveProxy!.Address.Should().Be(new Uri("http://integrations-proxy:8080/"));
        options.RequestMaxRetries.Should().Be(1);
    }

    [Test]
    public void No_secret_shows_in_ToString()
    {
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: "https_proxy = http://u:proxy-secret-9@proxy:3128"));
        var options = SoarClientOptionsMapping.From(config.Resilient, config.Integrations);
        options.ToString().Should().NotContain(TestConfigFiles.ApiKeySecret).And.NotContain("proxy-secret-9");
    }
}
