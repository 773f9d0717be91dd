using Fn.AwsGuardDuty.Push;

namespace Fn.AwsGuardDuty.Tests.Push;

public class SqsQueueAddressTests
{
    [TestCase("https://sqs.eu-west-1.amazonaws.com/123456789012/guardduty-findings.fifo", "eu-west-1", "123456789012", "guardduty-findings.fifo", true)]
    [TestCase("https://sqs.us-east-1.amazonaws.com/123456789012/findings", "us-east-1", "123456789012", "findings", false)]
    [TestCase("https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/q", "us-gov-west-1", "123456789012", "q", false)]
    [TestCase("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q.fifo", "cn-north-1", "123456789012", "q.fifo", true)]
    [TestCase("https://ap-southeast-2.queue.amazonaws.com/123456789012/legacy", "ap-southeast-2", "123456789012", "legacy", false)]
    [TestCase("https://queue.amazonaws.com/123456789012/oldest", "us-east-1", "123456789012", "oldest", false)]
    [TestCase("https://vpce-0a1b2c3d-4e5f.sqs.eu-central-1.vpce.amazonaws.com/123456789012/private.fifo", "eu-central-1", "123456789012", "private.fifo", true)]
    public void A_queue_url_names_region_account_name_and_kind(string url, string region, string account, string name, bool fifo)
    {
        var address = SqsQueueAddress.Parse(url);

        address.Region.Should().Be(region);
        address.AccountId.Should().Be(account);
        address.Name.Should().Be(name);
        address.IsFifo.Should().Be(fifo);
    }

    [Test]
    public void The_arn_follows_the_partition()
    {
        SqsQueueAddress.Parse("https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo").Arn.Should().Be("arn:aws:sqs:eu-west-1:123456789012:q.fifo");
        SqsQueueAddress.Parse("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q").Arn.Should().Be("arn:aws-cn:sqs:cn-north-1:123456789012:q");
    }

    [TestCase("", "not an absolute")]
    [TestCase("sqs.eu-west-1.amazonaws.com/123456789012/q", "not an absolute")]
    [TestCase("ftp://sqs.eu-west-1.amazonaws.com/123456789012/q", "not an absolute")]
    [TestCase("http://127.0.0.1:9324/123456789012/q", "cannot tell the region")]
    [TestCase("https://sqs.eu-west-1.amazonaws.com/12345/q", "12-digit account")]
    [TestCase("https://sqs.eu-west-1.amazonaws.com/123456789012", "12-digit account")]
    [TestCase("https://sqs.eu-west-1.amazonaws.com/123456789012/q/extra", "12-digit account")]
    [TestCase("https://sqs.eu-west-1.amazonaws.com/123456789012/bad%20name", "not a queue name")]
    [TestCase("https://sqs.eu-west-1.amazonaws.com/123456789012/q?Action=x", "query")]
    public void A_bad_url_says_what_is_wrong(string url, string expected)
    {
        SqsQueueAddress.TryParse(url, out var address, out var error).Should().BeFalse();

        address.Should().BeNull();
        error.Should().Contain(expected);
    }

    [Test]
    public void A_name_longer_than_80_characters_is_refused()
    {
        var act = () => SqsQueueAddress.Parse($"https://sqs.eu-west-1.amazonaws.com/123456789012/{new string('q', 76)}.fifo");

        act.Should().Throw<FormatException>().WithMessage("*not a queue name*");
    }
}
