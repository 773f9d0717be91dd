using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Tests.Configuration;

namespace Fn.AwsGuardDuty.Tests.Hosting;

public class GuardDutyClientOptionsMappingTests
{
    private TestConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new TestConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Every_key_reaches_the_option_of_the_same_meaning()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: $"""
            aws_gd_access_key_id = AKIAMAPPING000000001
            aws_gd_secret_access_key = {TestConfigFiles.AwsSecret}
            aws_gd_session_token = session-token-value-1
            aws_gd_role_arn = arn:aws:iam::123456789012:role/GuardDutyReader
            aws_gd_role_external_id = ext-1
            aws_gd_role_session_name = gd-session
            aws_gd_regions_interval = 30
            aws_gd_endpoint_url = http://127.0.0.1:4566
            aws_gd_ec2_endpoint_url = http://127.0.0.1:4567
            aws_gd_sts_endpoint_url = http://127.0.0.1:4568
            aws_gd_max_concurrent_regions = 6
            aws_gd_max_retries = 3
            aws_gd_request_timeout = 45s
            https_proxy = http://gd-user:gd-proxy-pw@proxy.example.com:3128
            http_proxy = http://plain-proxy.example.com:8080
            """).Replace("aws_gd_master_region = us-east-1", "aws_gd_master_region = eu-west-1")
            .Replace("aws_gd_regions = \".*\"", "aws_gd_regions = \"^eu-\""));

        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);

        options.AccessKeyId.Should().Be("AKIAMAPPING000000001");
        options.SecretAccessKey.Should().Be(TestConfigFiles.AwsSecret);
        options.SessionToken.Should().Be("session-token-value-1");
        options.RoleArn.Should().Be("arn:aws:iam::123456789012:role/GuardDutyReader");
        options.RoleExternalId.Should().Be("ext-1");
        options.RoleSessionName.Should().Be("gd-session");
        options.MasterRegion.Should().Be("eu-west-1");
        options.Regions.Text.Should().Be("^eu-");
        options.RegionsInterval.Should().Be(TimeSpan.FromMinutes(30), "bare numbers are minutes");
        options.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:4566"));
        options.Ec2EndpointUrl.Should().Be(new Uri("http://127.0.0.1:4567"));
        options.StsEndpointUrl.Should().Be(new Uri("http://127.0.0.1:4568"));
        options.RegionDiscoveryConcurrency.Should().Be(6);
        options.MaxAttempts.Should().Be(4, "aws_gd_max_retries counts the attempts after the first");
        options.PerTryTimeout.Should().Be(TimeSpan.FromSeconds(45));
        options.TotalDeadline.Should().Be(TimeSpan.FromSeconds(90));
        options.HttpsProxy!.Address!.UserInfo.Should().BeEmpty("the credentials travel apart from the address");
        options.HttpsProxy.Address.Host.Should().Be("proxy.example.com");
        var credential = options.HttpsProxy.Credentials!.GetCredential(options.HttpsProxy.Address, "Basic")!;
        (credential.UserName, credential.Password).Should().Be(("gd-user", "gd-proxy-pw"));
        options.HttpProxy!.Address.Should().Be(new Uri("http://plain-proxy.example.com:8080"));
        options.HttpProxy.Credentials.Should().BeNull();
        options.Validate();
    }

    [Test]
    public void Defaults_give_the_default_chain_a_region_list_and_valid_options()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_profile = audit\naws_gd_use_fips = true")
            .Replace("aws_gd_regions = \".*\"", "aws_gd_regions = us-east-1, eu-west-1"));

        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);

        options.HasStaticKeys.Should().BeFalse();
        options.Profile.Should().Be("audit");
        options.UseFips.Should().BeTrue();
        options.Regions.IsList.Should().BeTrue();
        options.Regions.Regions.Should().Equal("us-east-1", "eu-west-1");
        options.MaxAttempts.Should().Be(6);
        options.TotalDeadline.Should().Be(TimeSpan.FromSeconds(60));
        options.Validate();
    }

    [Test]
    public void The_most_retries_the_config_allows_stay_within_the_client_limit()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_max_retries = 20"));
        var options = GuardDutyClientOptionsMapping.From(config.GuardDuty);
        options.MaxAttempts.Should().Be(GuardDutyClientOptionsMapping.MaxAttempts);
        options.Validate();
    }

    [Test]
    public void No_secret_shows_in_ToString()
    {
        var config = _files.Load(TestConfigFiles.Valid(guardDutyExtra: $"""
            aws_gd_access_key_id = AKIAMAPPING000000001
            aws_gd_secret_access_key = {TestConfigFiles.AwsSecret}
            aws_gd_session_token = session-token-value-1
            """));
        var text = GuardDutyClientOptionsMapping.From(config.GuardDuty).ToString();
        text.Should().NotContain(TestConfigFiles.AwsSecret).And.NotContain("session-token-value-1");
    }
}
