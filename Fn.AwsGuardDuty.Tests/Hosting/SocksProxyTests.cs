using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Discovery;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Hosting;

/// <summary>
/// <c>socks5://user:password@host:port</c> in app.config carries the SOAR REST client and the AWS clients (GuardDuty, and
/// EC2 through the AWS SDK) to the sandbox emulators, through a SOCKS5 server on loopback that demands the credentials.
/// </summary>
public class SocksProxyTests
{
    private const string ProxyUser = "socks-user";
    private const string ProxyPassword = "socks-pa:ss@word";
    private const string AwsKey = "AKIASOCKSTEST0000001";
    private const string AwsSecret = "socks-test-secret/key+AAAAAAAAAAAAAAAAAAA";
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static string ProxyUrl(LoopbackSocksProxy proxy, string scheme = "socks5") =>
        $"{scheme}://{ProxyUser}:{Uri.EscapeDataString(ProxyPassword)}@127.0.0.1:{proxy.Port}";

    [TestCase("socks5")]
    [TestCase("socks4a")]
    [TestCase("socks4")]
    public async Task Soar_rest_logs_in_through_a_socks_proxy_with_its_credentials(string scheme)
    {
        var ca = Path.Combine(_files.Directory, "soar-ca.pem");
        await using var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = ca,
            Orgs = [new SoarOrgOptions { Id = 201, Name = "Socks Org" }],
            ApiKeys = [new SoarApiKeyOptions { Id = "socks-key", Secret = "socks-key-secret-value" }],
        });
        await using var proxy = new LoopbackSocksProxy(ProxyUser, ProxyPassword);
        var config = _files.Load($"""
            [resilient]
            host = 127.0.0.1
            port = {soar.Port}
            org = Socks Org
            api_key_id = socks-key
            api_key_secret = socks-key-secret-value
            cafile = {ca}
            request_max_retries = 1
            https_proxy = {ProxyUrl(proxy, scheme)}

            [fn_aws_guardduty]
            aws_gd_master_region = us-east-1
            aws_gd_regions = .*
            """);

        using var client = new SoarClient(SoarClientOptionsMapping.From(config.Resilient, config.Integrations), NullLoggerFactory.Instance);
        var session = await client.ConnectAsync();

        session.Org.Name.Should().Be("Socks Org");
        proxy.Tunnels.Should().Contain($"127.0.0.1:{soar.Port}");
        proxy.Logins.Should().BeGreaterThan(0, "the proxy demanded the user (and, for SOCKS5, the password) of the URL");
        proxy.Refusals.Should().Be(0);
    }

    [Test]
    public async Task GuardDuty_and_EC2_calls_go_through_a_socks5_proxy_with_its_credentials()
    {
        await using var aws = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(AwsKey, AwsSecret, "111111111111")],
        });
        await using var proxy = new LoopbackSocksProxy(ProxyUser, ProxyPassword);
        var config = _files.Load($"""
            [resilient]
            host = soar.example.com
            org = Test Org
            api_key_id = key-id-1
            api_key_secret = {TestConfigFiles.ApiKeySecret}

            [fn_aws_guardduty]
            aws_gd_master_region = us-east-1
            aws_gd_regions = .*
            aws_gd_access_key_id = {AwsKey}
            aws_gd_secret_access_key = {AwsSecret}
            aws_gd_endpoint_url = {aws.Endpoint}
            aws_gd_ec2_endpoint_url = {aws.Endpoint}
            http_proxy = {ProxyUrl(proxy)}
            https_proxy = {ProxyUrl(proxy)}
            """);

        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);
        using var factory = await GuardDutyClientFactory.CreateAsync(options, NullLoggerFactory.Instance);
        await factory.GetClient("us-east-1").ListDetectorsPageAsync();
        using var ec2 = new Ec2RegionLister(options, factory.Credentials, aws.Endpoint);
        var regions = await ec2.ListRegionNamesAsync(CancellationToken.None);

        regions.Should().Contain("us-east-1");
        proxy.Tunnels.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(t => t == $"127.0.0.1:{aws.Endpoint.Port}");
        proxy.Logins.Should().BeGreaterThanOrEqualTo(2, "both the GuardDuty transport and the SDK's EC2 client authenticated");
        proxy.Refusals.Should().Be(0);
    }
}
