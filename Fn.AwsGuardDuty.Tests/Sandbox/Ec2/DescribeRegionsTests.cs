using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Ec2;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Ec2;

/// <summary>EC2 DescribeRegions through AWSSDK.EC2's own AmazonEC2Client, pointed at the emulator with no special casing.</summary>
public class DescribeRegionsTests
{
    private const string Key = "AKIDEC2TEST000000001";
    private const string Secret = "ec2-secret";
    private GuardDutyEmulator emulator = null!;

    [OneTimeSetUp]
    public async Task Start() => emulator = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
    {
        Credentials = [new AwsCredential(Key, Secret, "333333333333")],
        Regions =
        [
            new Ec2RegionInfo("us-east-1"), new Ec2RegionInfo("eu-west-1"), new Ec2RegionInfo("ap-southeast-2"),
            new Ec2RegionInfo("af-south-1", Ec2RegionInfo.NotOptedIn), new Ec2RegionInfo("me-south-1", Ec2RegionInfo.OptedIn),
        ],
    });

    [OneTimeTearDown]
    public async Task Stop() => await emulator.StopAsync();

    [SetUp]
    public void Reset() => emulator.State.Faults.Clear();

    [Test]
    public async Task Lists_the_enabled_regions_by_default()
    {
        using var ec2 = Client();

        var response = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());

        response.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        response.Regions.Select(r => r.RegionName).Should().Equal("us-east-1", "eu-west-1", "ap-southeast-2", "me-south-1");
        response.Regions.Single(r => r.RegionName == "eu-west-1").Should().BeEquivalentTo(new { Endpoint = "ec2.eu-west-1.amazonaws.com", OptInStatus = "opt-in-not-required" });
        response.ResponseMetadata.RequestId.Should().NotBeNullOrEmpty();
        emulator.State.Calls.Count("DescribeRegions").Should().BeGreaterThan(0);
    }

    [Test]
    public async Task AllRegions_names_and_filters_narrow_or_widen_the_list()
    {
        using var ec2 = Client();

        var all = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true });
        var named = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["eu-west-1", "af-south-1"] });
        var filtered = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest
        {
            AllRegions = true,
            Filters = [new Filter("opt-in-status", ["opted-in", "not-opted-in"]), new Filter("region-name", ["*-south-1"])],
        });

        all.Regions.Should().HaveCount(5);
        named.Regions.Select(r => r.RegionName).Should().Equal("eu-west-1", "af-south-1");
        filtered.Regions.Select(r => r.RegionName).Should().Equal("af-south-1", "me-south-1");
    }

    [Test]
    public async Task Unknown_region_name_and_filter_are_InvalidParameterValue()
    {
        using var ec2 = Client();

        var badName = await FluentActions.Awaiting(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["xx-nowhere-1"] }))
            .Should().ThrowAsync<AmazonEC2Exception>();
        var badFilter = await FluentActions.Awaiting(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest { Filters = [new Filter("colour", ["blue"])] }))
            .Should().ThrowAsync<AmazonEC2Exception>();

        badName.Which.ErrorCode.Should().Be("InvalidParameterValue");
        badName.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badFilter.Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    [Test]
    public async Task Wrong_secret_and_unknown_key_are_refused_the_EC2_way()
    {
        using var wrongSecret = Client(secret: "nope");
        using var unknownKey = Client(key: "AKIDUNKNOWN000000000");

        var mismatch = await FluentActions.Awaiting(() => wrongSecret.DescribeRegionsAsync(new DescribeRegionsRequest())).Should().ThrowAsync<AmazonEC2Exception>();
        var unknown = await FluentActions.Awaiting(() => unknownKey.DescribeRegionsAsync(new DescribeRegionsRequest())).Should().ThrowAsync<AmazonEC2Exception>();

        mismatch.Which.ErrorCode.Should().Be("SignatureDoesNotMatch");
        mismatch.Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.Which.ErrorCode.Should().Be("AuthFailure");
    }

    [Test]
    public async Task The_SDK_retries_an_EC2_throttle_and_succeeds()
    {
        emulator.State.Faults.ThrottleBurst(1, operation: "DescribeRegions");
        emulator.State.Calls.Reset();
        using var ec2 = Client();

        var response = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());

        response.Regions.Should().NotBeEmpty();
        emulator.State.Calls.Count("DescribeRegions").Should().Be(2);
    }

    [Test]
    public async Task Throttle_and_server_error_faults_use_EC2_codes()
    {
        emulator.State.Faults.Add(new FaultRule(FaultKind.Throttle, new AlwaysTrigger()) { Service = "ec2" });
        using var ec2 = Client(maxErrorRetry: 0);

        var throttled = await FluentActions.Awaiting(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Should().ThrowAsync<AmazonEC2Exception>();
        emulator.State.Faults.Clear();
        emulator.State.Faults.FailBurst(1);
        var failed = await FluentActions.Awaiting(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Should().ThrowAsync<AmazonEC2Exception>();

        throttled.Which.ErrorCode.Should().Be("RequestLimitExceeded");
        throttled.Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        failed.Which.ErrorCode.Should().Be("InternalError");
    }

    [Test]
    public async Task Raw_form_post_gets_the_documented_xml()
    {
        using var http = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(
            new BasicAWSCredentials(Key, Secret), Amazon.RegionEndpoint.USEast1, "ec2", new SocketsHttpHandler { AllowAutoRedirect = false }));
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("Action", "DescribeRegions"), KeyValuePair.Create("Version", "2016-11-15"), KeyValuePair.Create("RegionName.1", "us-east-1")]);

        using var response = await http.PostAsync(emulator.Endpoint, content);
        var xml = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/xml");
        xml.Should().StartWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>");
        xml.Should().EndWith("<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>");
    }

    private AmazonEC2Client Client(string key = Key, string secret = Secret, int maxErrorRetry = 2) =>
        new(new BasicAWSCredentials(key, secret), new AmazonEC2Config
        {
            ServiceURL = emulator.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        });
}
