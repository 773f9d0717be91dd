using Amazon.SQS.Model;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>
/// Each AWS SDK environment variable honoured end to end: app.config and an environment of the test's own are loaded as
/// <c>run</c> loads them, mapped onto the production clients, and the calls land (or fail) at the sandbox emulators over
/// loopback, which verify every SigV4 signature (region and host included).
/// </summary>
public class AwsEnvironmentContractTests
{
    private const string Account = "111111111111";
    private const string Key = "AKIAENVIRONMENT00001";
    private static readonly string SecretKey = Secret("environment-secret/key+AAAAAAAAAAAAAAAAA");
    private static readonly List<AwsCredential> Credentials = [new AwsCredential(Key, SecretKey, Account)];

    private TestConfigFiles _files = null!;
    private readonly List<IAsyncDisposable> _disposables = [];

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var disposable in _disposables) await disposable.DisposeAsync();
        _disposables.Clear();
        _files.Dispose();
    }

    [Test]
    public async Task AWS_ENDPOINT_URL_sends_GuardDuty_EC2_and_STS_to_the_emulator()
    {
        var aws = await StartGuardDutyAsync();
        _files.Variables["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();

        using var factory = await FactoryAsync();
        await factory.GetClient("us-east-1").ListDetectorsPageAsync();
        aws.State.Calls.Count("ListDetectors").Should().Be(1);
        using (var discovery = factory.CreateRegionDiscovery()) await discovery.RefreshAsync();
        var identity = await AwsCallerIdentity.GetAsync(factory, CancellationToken.None);

        aws.State.Calls.Count("DescribeRegions", "us-east-1").Should().Be(1);
        identity.Account.Should().Be(Account, "only the emulator's STS knows this key's account");
    }

    [Test]
    public async Task AWS_ENDPOINT_URL_sends_the_push_queue_client_to_the_SQS_emulator()
    {
        await using var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = Credentials });
        sqs.State.CreateQueue(new SqsQueueKey("eu-west-1", Account, "findings"), new Dictionary<string, string>());
        _files.Variables["AWS_ENDPOINT_URL"] = sqs.Endpoint.ToString();
        var queueUrl = $"https://sqs.eu-west-1.amazonaws.com/{Account}/findings";
        var config = Load($"aws_gd_sqs_queue_url = {queueUrl}");

        using var factory = await GuardDutyClientFactory.CreateAsync(GuardDutyClientOptionsMapping.From(config.GuardDuty), Factory);
        using var client = PushSqsClientFactory.Create(config.Push!, factory.Options, factory.Credentials);
        var received = await client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 0 });

        config.Push!.EndpointUrl.Should().Be(sqs.Endpoint);
        (received.Messages ?? []).Should().BeEmpty();
        sqs.State.Calls.Count("ReceiveMessage", "eu-west-1").Should().Be(1, "signed for the queue's region, verified by the emulator");
    }

    [Test]
    public async Task AWS_ENDPOINT_URL_GUARDDUTY_wins_over_AWS_ENDPOINT_URL_and_the_key_wins_over_both()
    {
        var global = await StartGuardDutyAsync();
        var guardDuty = await StartGuardDutyAsync();
        var configured = await StartGuardDutyAsync();
        _files.Variables["AWS_ENDPOINT_URL"] = global.Endpoint.ToString();
        _files.Variables["AWS_ENDPOINT_URL_GUARDDUTY"] = guardDuty.Endpoint.ToString();

        using (var factory = await FactoryAsync())
        {
            await factory.GetClient("us-east-1").ListDetectorsPageAsync();
            using var discovery = factory.CreateRegionDiscovery();
            await discovery.RefreshAsync();
        }

        using (var factory = await FactoryAsync($"aws_gd_endpoint_url = {configured.Endpoint}"))
        {
            await factory.GetClient("us-east-1").ListDetectorsPageAsync();
        }

        guardDuty.State.Calls.Count("ListDetectors").Should().BeGreaterThanOrEqualTo(1, "the refresh lists each region's detectors there too");
        global.State.Calls.Count("ListDetectors").Should().Be(0);
        global.State.Calls.Count("DescribeRegions").Should().Be(1, "EC2 has no service-specific variable here, so the global one applies");
        configured.State.Calls.Count("ListDetectors").Should().Be(1, "aws_gd_endpoint_url wins over the environment");
    }

    [TestCase("eu-west-2", "us-west-1", null, "eu-west-2")]
    [TestCase(null, "us-west-1", null, "us-west-1")]
    [TestCase("eu-west-2", "us-west-1", "ap-southeast-2", "ap-southeast-2")]
    public async Task AWS_REGION_then_AWS_DEFAULT_REGION_set_the_master_region_the_calls_are_signed_for(
        string? region, string? defaultRegion, string? key, string expected)
    {
        var aws = await StartGuardDutyAsync();
        _files.Variables["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        if (region is not null) _files.Variables["AWS_REGION"] = region;
        if (defaultRegion is not null) _files.Variables["AWS_DEFAULT_REGION"] = defaultRegion;
        var text = TestConfigFiles.Valid(guardDutyExtra: Keys())
            .Replace("aws_gd_master_region = us-east-1", key is null ? "" : $"aws_gd_master_region = {key}");

        var config = _files.Load(text);
        using var factory = await GuardDutyClientFactory.CreateAsync(GuardDutyClientOptionsMapping.From(config.GuardDuty), Factory);
        using (var discovery = factory.CreateRegionDiscovery()) await discovery.RefreshAsync();

        config.GuardDuty.MasterRegion.Should().Be(expected);
        aws.State.Calls.Count("DescribeRegions", expected).Should().Be(1, "the emulator verified a signature scoped to that region");
    }

    [Test]
    public async Task AWS_USE_FIPS_ENDPOINT_sends_GuardDuty_EC2_and_STS_to_their_FIPS_hosts()
    {
        // DNS is played by a SOCKS5 proxy that tunnels every host name to the HTTPS emulator, whose certificate (from a
        // private CA, trusted through AWS_CA_BUNDLE) names the FIPS hosts: the tunnels record which host each client chose.
        using var ca = LocalCertificateAuthority.Create("fips test CA");
        var aws = await StartGuardDutyAsync(ca.IssueServerCertificate(
            "guardduty-fips.us-east-1.amazonaws.com", "ec2-fips.us-east-1.amazonaws.com", "sts-fips.us-east-1.amazonaws.com"));
        await using var proxy = new LoopbackSocksProxy { RedirectPort = aws.Endpoint.Port };
        _files.Variables["AWS_USE_FIPS_ENDPOINT"] = "true";
        _files.Variables["AWS_CA_BUNDLE"] = WriteCa(ca);
        _files.Variables["AWS_MAX_ATTEMPTS"] = "1";

        using var factory = await FactoryAsync($"https_proxy = socks5://127.0.0.1:{proxy.Port}");
        await factory.GetClient("us-east-1").ListDetectorsPageAsync();
        aws.State.Calls.Count("ListDetectors").Should().Be(1);
        using var ec2 = new Fn.AwsGuardDuty.GuardDuty.Discovery.Ec2RegionLister(factory.Options, factory.Credentials, null);
        var regions = await ec2.ListRegionNamesAsync(CancellationToken.None);
        var identity = await AwsCallerIdentity.GetAsync(factory, CancellationToken.None);

        proxy.Tunnels.Should().Contain(["guardduty-fips.us-east-1.amazonaws.com:443", "ec2-fips.us-east-1.amazonaws.com:443",
            "sts-fips.us-east-1.amazonaws.com:443"]);
        regions.Should().Contain("us-east-1");
        aws.State.Calls.Count("DescribeRegions").Should().Be(1);
        identity.Account.Should().Be(Account);
    }

    [Test]
    public async Task AWS_USE_FIPS_ENDPOINT_gives_the_push_queue_client_the_SQS_FIPS_host()
    {
        _files.Variables["AWS_USE_FIPS_ENDPOINT"] = "true";
        var config = Load($"aws_gd_sqs_queue_url = https://sqs.us-east-2.amazonaws.com/{Account}/findings");
        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);

        using var client = new Amazon.SQS.AmazonSQSClient(new Amazon.Runtime.BasicAWSCredentials(Key, SecretKey),
            PushSqsClientFactory.CreateConfig(config.Push!, options));
        var endpoint = client.DetermineServiceOperationEndpoint(new ReceiveMessageRequest { QueueUrl = "https://sqs.us-east-2.amazonaws.com/x/y" });

        endpoint.URL.TrimEnd('/').Should().Be("https://sqs-fips.us-east-2.amazonaws.com");
    }

    [Test]
    public async Task AWS_CA_BUNDLE_trusts_a_private_CA_for_AWS_and_without_it_the_call_fails_clearly()
    {
        using var ca = LocalCertificateAuthority.Create("aws bundle test CA");
        using var other = LocalCertificateAuthority.Create("some other CA");
        var aws = await StartGuardDutyAsync(ca.IssueServerCertificate("127.0.0.1"));
        _files.Variables["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        _files.Variables["AWS_MAX_ATTEMPTS"] = "1";

        var untrusted = async () =>
        {
            using var factory = await FactoryAsync();
            await factory.GetClient("us-east-1").ListDetectorsPageAsync();
        };
        (await untrusted.Should().ThrowAsync<GuardDutyTransportException>()).Which.Message.Should()
            .Contain($"could not reach https://127.0.0.1:{aws.Endpoint.Port}").And.Contain("certificate");

        _files.Variables["AWS_CA_BUNDLE"] = WriteCa(other);
        await untrusted.Should().ThrowAsync<GuardDutyTransportException>("a bundle of another CA does not trust this server");

        _files.Variables["AWS_CA_BUNDLE"] = WriteCa(ca);
        using (var factory = await FactoryAsync())
        {
            await factory.GetClient("us-east-1").ListDetectorsPageAsync();
            aws.State.Calls.Count("ListDetectors").Should().Be(1);
            using var discovery = factory.CreateRegionDiscovery();
            var refresh = await discovery.RefreshAsync();
            refresh.Error.Should().BeNull("the AWS SDK's EC2 client trusts the bundle too");
        }

        aws.State.Calls.Count("DescribeRegions").Should().Be(1);
    }

    [Test]
    public async Task AWS_MAX_ATTEMPTS_2_makes_exactly_2_attempts_against_a_500_and_the_key_wins()
    {
        var aws = await StartGuardDutyAsync();
        _files.Variables["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        _files.Variables["AWS_MAX_ATTEMPTS"] = "2";
        aws.State.Faults.Add(new FaultRule(FaultKind.InternalError, new AlwaysTrigger()));

        using (var factory = await FactoryAsync())
        {
            var error = (await FluentActions.Awaiting(() => factory.GetClient("us-east-1").ListDetectorsPageAsync())
                .Should().ThrowAsync<GuardDutyServiceException>()).Which;
            error.Attempts.Should().Be(2);
            aws.State.Calls.Count("ListDetectors").Should().Be(2);
            using var discovery = factory.CreateRegionDiscovery();
            (await discovery.RefreshAsync()).Succeeded.Should().BeFalse();
        }

        aws.State.Calls.Count("DescribeRegions").Should().Be(2, "the AWS SDK's EC2 client got MaxErrorRetry = 1");

        aws.State.Calls.Reset();
        using (var factory = await FactoryAsync("aws_gd_max_retries = 0"))
        {
            await FluentActions.Awaiting(() => factory.GetClient("us-east-1").ListDetectorsPageAsync()).Should().ThrowAsync<GuardDutyServiceException>();
        }

        aws.State.Calls.Count("ListDetectors").Should().Be(1, "aws_gd_max_retries wins over AWS_MAX_ATTEMPTS");
    }

    [TestCase("standard", Amazon.Runtime.RequestRetryMode.Standard)]
    [TestCase("ADAPTIVE", Amazon.Runtime.RequestRetryMode.Adaptive)]
    public async Task AWS_RETRY_MODE_selects_the_SDKs_algorithm_for_every_client_and_a_burst_is_still_absorbed(
        string mode, Amazon.Runtime.RequestRetryMode sdkMode)
    {
        var aws = await StartGuardDutyAsync();
        _files.Variables["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        _files.Variables["AWS_RETRY_MODE"] = mode;
        var config = Load("aws_gd_sqs_queue_url = https://sqs.us-east-1.amazonaws.com/111111111111/q");
        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);
        aws.State.Faults.FailBurst(1, operation: "ListDetectors");

        using var factory = await GuardDutyClientFactory.CreateAsync(options, Factory);
        await factory.GetClient("us-east-1").ListDetectorsPageAsync();

        aws.State.Calls.Count("ListDetectors").Should().Be(2);
        // Standard back-off: a full-jitter share of 2^retry seconds (the AWS SDKs' formula), not this client's legacy one.
        new Fn.AwsGuardDuty.GuardDuty.Http.GuardDutyRetryPolicy(options).DelayBefore(2, null, 0.5).Should().Be(TimeSpan.FromSeconds(2));
        Fn.AwsGuardDuty.GuardDuty.Discovery.Ec2RegionLister.BuildConfig(options, null).RetryMode.Should().Be(sdkMode);
        StsAssumeRoleCredentials.BuildConfig(options).RetryMode.Should().Be(sdkMode);
        PushSqsClientFactory.CreateConfig(config.Push!, options).RetryMode.Should().Be(sdkMode);
    }

    private async Task<GuardDutyEmulator> StartGuardDutyAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var emulator = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions { Credentials = Credentials, ServerCertificate = certificate });
        _disposables.Add(emulator);
        return emulator;
    }

    private string WriteCa(LocalCertificateAuthority ca)
    {
        var path = Path.Combine(_files.Directory, $"aws-ca-{Guid.NewGuid():N}.pem");
        ca.WriteCertificatePem(path);
        return path;
    }

    private static string Keys(string extra = "") => $"aws_gd_access_key_id = {Key}\naws_gd_secret_access_key = {SecretKey}\n{extra}";

    private AppConfig Load(string extra = "") => _files.Load(TestConfigFiles.Valid(guardDutyExtra: Keys(extra)));

    private Task<GuardDutyClientFactory> FactoryAsync(string extra = "") =>
        GuardDutyClientFactory.CreateAsync(GuardDutyClientOptionsMapping.From(Load(extra).GuardDuty), Factory);
}
