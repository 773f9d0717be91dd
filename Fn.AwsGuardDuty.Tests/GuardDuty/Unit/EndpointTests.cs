using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class EndpointTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [TestCase("us-east-1", false, "https://guardduty.us-east-1.amazonaws.com/")]
    [TestCase("eu-west-1", false, "https://guardduty.eu-west-1.amazonaws.com/")]
    [TestCase("us-east-1", true, "https://guardduty-fips.us-east-1.amazonaws.com/")]
    [TestCase("us-west-2", true, "https://guardduty-fips.us-west-2.amazonaws.com/")]
    [TestCase("cn-north-1", false, "https://guardduty.cn-north-1.amazonaws.com.cn/")]
    [TestCase("cn-northwest-1", true, "https://guardduty-fips.cn-northwest-1.amazonaws.com.cn/")]
    [TestCase("us-gov-west-1", false, "https://guardduty.us-gov-west-1.amazonaws.com/")]
    [TestCase("us-gov-east-1", true, "https://guardduty.us-gov-east-1.amazonaws.com/")]
    public void Builds_the_partition_endpoint(string region, bool fips, string expected)
    {
        var options = new GuardDutyClientOptions { UseFips = fips };
        GuardDutyEndpoint.ForGuardDuty(region, options, NoEnvironment).ToString().Should().Be(expected);
    }

    [Test]
    public void Override_wins_over_fips_and_the_environment_variable_is_the_fallback()
    {
        var options = new GuardDutyClientOptions { UseFips = true, EndpointUrl = new Uri("http://127.0.0.1:4566") };
        GuardDutyEndpoint.ForGuardDuty("eu-west-1", options, NoEnvironment).Should().Be(new Uri("http://127.0.0.1:4566"));

        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_GUARDDUTY"] = "https://vpce-1.guardduty.example:8443" };
        GuardDutyEndpoint.ForGuardDuty("eu-west-1", new GuardDutyClientOptions(), environment.GetValueOrDefault)
            .Should().Be(new Uri("https://vpce-1.guardduty.example:8443"));
        GuardDutyEndpoint.ForGuardDuty("eu-west-1", options, environment.GetValueOrDefault)
            .Should().Be(new Uri("http://127.0.0.1:4566"), "the configured key beats the environment");

        var ec2 = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:9999" };
        GuardDutyEndpoint.Ec2Override(new GuardDutyClientOptions(), ec2.GetValueOrDefault).Should().Be(new Uri("http://127.0.0.1:9999"));
        GuardDutyEndpoint.Ec2Override(new GuardDutyClientOptions(), NoEnvironment).Should().BeNull();
    }

    [Test]
    public void Bad_region_or_bad_environment_url_is_a_clear_error()
    {
        var act = () => GuardDutyEndpoint.ForGuardDuty("not a region", new GuardDutyClientOptions(), NoEnvironment);
        act.Should().Throw<ArgumentException>().WithMessage("*not a region name*");
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_GUARDDUTY"] = "ftp://x" };
        var bad = () => GuardDutyEndpoint.ForGuardDuty("us-east-1", new GuardDutyClientOptions(), env.GetValueOrDefault);
        bad.Should().Throw<ArgumentException>().WithMessage("AWS_ENDPOINT_URL_GUARDDUTY*");
    }
}
