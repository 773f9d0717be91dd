using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class SoarClientOptionsTests
{
    private static SoarClientOptions Valid() => new() { Host = "soar.example", Org = "Test Org", ApiKeyId = "id", ApiKeySecret = "s3cr3t" };

    [Test]
    public void Defaults_follow_resilient()
    {
        var options = Valid();
        options.Validate();
        options.Port.Should().Be(443);
        options.RequestMaxRetries.Should().Be(5);
        options.RequestRetryDelay.Should().Be(TimeSpan.FromSeconds(2));
        options.RequestRetryBackoff.Should().Be(2);
        options.VerifyTls.Should().BeTrue();
        options.UsesApiKey.Should().BeTrue();
    }

    [Test]
    public void Email_and_password_are_accepted_and_the_api_key_wins_when_both_are_set()
    {
        var options = new SoarClientOptions { Host = "h", Email = "a@b.c", Password = "pw" };
        options.Validate();
        options.UsesApiKey.Should().BeFalse();
        var both = Valid();
        both.Email = "a@b.c";
        both.Password = "pw";
        both.UsesApiKey.Should().BeTrue();
    }

    [Test]
    public void Proxy_prefers_https_proxy()
    {
        var options = Valid();
        var p1 = new System.Net.WebProxy("http://p1:3128");
        var p2 = new System.Net.WebProxy("socks5://p2:1080");
        options.HttpProxy = p1;
        options.EffectiveProxy.Should().BeSameAs(p1);
        options.HttpsProxy = p2;
        options.EffectiveProxy.Should().BeSameAs(p2);
        options.Validate();
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return Case("host", o => o.Host = "");
        yield return Case("host", o => o.Host = "https://soar.example");
        yield return Case("port", o => o.Port = 0);
        yield return Case("api_key_secret", o => o.ApiKeySecret = null);
        yield return Case("api_key_id", o => { o.ApiKeyId = null; o.ApiKeySecret = null; });
        yield return Case("password", o => { o.ApiKeyId = null; o.ApiKeySecret = null; o.Email = "a@b.c"; });
        yield return Case("cafile", o => o.CaFile = "/nonexistent/ca.pem");
        yield return Case("https_proxy", o => o.HttpsProxy = new System.Net.WebProxy("ftp://proxy"));
        yield return Case("request_max_retries", o => o.RequestMaxRetries = 0);
        yield return Case("request_retry_delay", o => o.RequestRetryDelay = TimeSpan.FromSeconds(-1));
        yield return Case("request_retry_backoff", o => o.RequestRetryBackoff = 0.5);
        yield return Case("request_timeout", o => o.RequestTimeout = TimeSpan.Zero);
        yield return Case("conflict_max_attempts", o => o.ConflictMaxAttempts = 0);
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Bad_values_name_the_key(string key, Action<SoarClientOptions> spoil)
    {
        var options = Valid();
        spoil(options);
        options.Invoking(o => o.Validate()).Should().Throw<SoarOptionsException>()
            .Where(e => e.Key == key).And.Message.Should().NotContain("s3cr3t");
    }

    [Test]
    public void Verification_off_ignores_cafile()
    {
        var options = Valid();
        options.VerifyTls = false;
        options.CaFile = "/nonexistent/ca.pem";
        options.Validate();
    }

    private static TestCaseData Case(string key, Action<SoarClientOptions> spoil) => new TestCaseData(key, spoil).SetArgDisplayNames(key);
}
