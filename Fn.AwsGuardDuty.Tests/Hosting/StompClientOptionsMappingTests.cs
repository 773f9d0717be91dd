using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Hosting;

public class StompClientOptionsMappingTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Stomp_keys_map_and_the_api_key_is_the_login()
    {
        var stompCa = _files.WriteCa("work/stomp-ca.pem");
        var restCa = _files.WriteCa("work/rest-ca.pem");
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: $"""
            stomp_host = broker.example.com
            stomp_port = 61614
            stomp_cafile = {stompCa}
            cafile = {restCa}
            stomp_timeout = 45
            """));

        var options = StompClientOptionsMapping.From(config.Resilient);

        options.Host.Should().Be("broker.example.com");
        options.Port.Should().Be(61614);
        options.UseTls.Should().BeTrue();
        options.CaBundle!.Path.Should().Be(stompCa, "stomp_cafile wins over cafile");
        options.CaBundle.Should().BeSameAs(config.Resilient.StompCaFile!.Bundle, "read once, at load");
        options.VerifyServerCertificate.Should().BeTrue();
        options.Login.Should().Be("key-id-1");
        options.Passcode.Should().Be(TestConfigFiles.ApiKeySecret);
        options.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(45));
        options.Validate();
    }

    [Test]
    public void Without_stomp_host_and_stomp_cafile_the_host_and_cafile_are_used()
    {
        var restCa = _files.WriteCa("work/rest-ca.pem");
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: $"cafile = {restCa}"));

        var options = StompClientOptionsMapping.From(config.Resilient);

        options.Host.Should().Be("soar.example.com");
        options.Port.Should().Be(65001);
        options.CaBundle!.Path.Should().Be(restCa);
    }

    [Test]
    public void No_cafile_means_the_system_roots_and_false_turns_verification_off()
    {
        var system = StompClientOptionsMapping.From(_files.Load(TestConfigFiles.Valid()).Resilient);
        system.CaBundle.Should().BeNull();
        system.VerifyServerCertificate.Should().BeTrue();

        var off = StompClientOptionsMapping.From(_files.Load(TestConfigFiles.Valid(resilientExtra: "cafile = false")).Resilient);
        off.VerifyServerCertificate.Should().BeFalse();
        var stompOff = StompClientOptionsMapping.From(_files.Load(TestConfigFiles.Valid(resilientExtra: "stomp_cafile = false")).Resilient);
        stompOff.VerifyServerCertificate.Should().BeFalse();
    }

    [Test]
    public void Email_and_password_are_the_login_without_an_api_key_and_plain_tcp_is_for_loopback()
    {
        var config = _files.Load(TestConfigFiles.Valid(resilientExtra: "stomp_host = 127.0.0.1\nstomp_tls = false")
            .Replace("api_key_id = key-id-1\n", "email = app@example.com\n")
            .Replace($"api_key_secret = {TestConfigFiles.ApiKeySecret}", "password = pass-word-1"));

        var options = StompClientOptionsMapping.From(config.Resilient);

        options.Login.Should().Be("app@example.com");
        options.Passcode.Should().Be("pass-word-1");
        options.UseTls.Should().BeFalse();
        options.ToString().Should().NotContain("pass-word-1");
    }

    [Test]
    public void No_secret_shows_in_ToString()
    {
        var options = StompClientOptionsMapping.From(_files.Load(TestConfigFiles.Valid()).Resilient);
        options.ToString().Should().Contain("key-id-1").And.NotContain(TestConfigFiles.ApiKeySecret);
    }
}
