using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class EndpointTests
{
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
        GuardDutyEndpoint.ForGuardDuty(region, options).ToString().Should().Be(expected);
    }

    [Test]
    public void The_override_wins_over_fips()
    {
        // Configuration already chose between the key and AWS_ENDPOINT_URL(_GUARDDUTY); the resolver only takes the result.
        var options = new GuardDutyClientOptions { UseFips = true, EndpointUrl = new Uri("http://127.0.0.1:4566") };
        GuardDutyEndpoint.ForGuardDuty("eu-west-1", options).Should().Be(new Uri("http://127.0.0.1:4566"));
    }

    [Test]
    public void A_bad_region_is_a_clear_error()
    {
        var act = () => GuardDutyEndpoint.ForGuardDuty("not a region", new GuardDutyClientOptions());
        act.Should().Throw<ArgumentException>().WithMessage("*not a region name*");
    }
}
