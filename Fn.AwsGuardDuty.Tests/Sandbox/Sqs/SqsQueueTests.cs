using System.Net;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Sqs;

/// <summary>Queues: create, look up, attributes, purge; with the real AWSSDK.SQS client.</summary>
public class SqsQueueTests : SqsEmulatorFixture
{
    [Test]
    public async Task A_fifo_queue_with_a_redrive_policy_reports_its_attributes()
    {
        var dlqUrl = await CreateQueueAsync(UniqueName("dlq", fifo: true));
        var dlqArn = (await Client().GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).QueueARN;
        var name = UniqueName("findings", fifo: true);
        var url = await CreateQueueAsync(name, new()
        {
            ["VisibilityTimeout"] = "90",
            ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"5\"}}",
        });

        var attributes = await Client().GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] });

        url.Should().Be($"https://sqs.{Region}.amazonaws.com/{Account}/{name}");
        (await Client().GetQueueUrlAsync(name)).QueueUrl.Should().Be(url);
        attributes.QueueARN.Should().Be($"arn:aws:sqs:{Region}:{Account}:{name}");
        attributes.FifoQueue.Should().BeTrue();
        attributes.VisibilityTimeout.Should().Be(90);
        attributes.ApproximateNumberOfMessages.Should().Be(0);
        attributes.Attributes["ContentBasedDeduplication"].Should().Be("false");
        attributes.Attributes["RedrivePolicy"].Should().Be($"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":5}}");
    }

    [Test]
    public async Task A_standard_queue_has_no_fifo_attributes_and_counts_visible_and_in_flight_messages()
    {
        var url = await CreateQueueAsync(UniqueName("std"));
        await Client().SendMessageAsync(url, "one");
        await Client().SendMessageAsync(url, "two");
        await ReceiveAsync(url, max: 1, visibility: 60);

        var attributes = (await Client().GetQueueAttributesAsync(url, ["All"])).Attributes;

        attributes.Should().NotContainKey("FifoQueue");
        attributes["ApproximateNumberOfMessages"].Should().Be("1");
        attributes["ApproximateNumberOfMessagesNotVisible"].Should().Be("1");
        attributes["VisibilityTimeout"].Should().Be("30");
    }

    [Test]
    public async Task Set_queue_attributes_changes_them_and_refuses_bad_values()
    {
        var url = await CreateQueueAsync(UniqueName("set"));

        await Client().SetQueueAttributesAsync(url, new Dictionary<string, string> { ["VisibilityTimeout"] = "5" });
        var bad = () => Client().SetQueueAttributesAsync(url, new Dictionary<string, string> { ["VisibilityTimeout"] = "43201" });
        var unknown = () => Client().SetQueueAttributesAsync(url, new Dictionary<string, string> { ["Colour"] = "blue" });

        (await Client().GetQueueAttributesAsync(url, ["VisibilityTimeout"])).VisibilityTimeout.Should().Be(5);
        (await bad.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidAttributeValue");
        (await unknown.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidAttributeName");
    }

    [Test]
    public async Task A_missing_queue_is_QueueDoesNotExist()
    {
        var act = () => Client().GetQueueUrlAsync("no-such-queue");
        var receive = () => Client().ReceiveMessageAsync($"https://sqs.{Region}.amazonaws.com/{Account}/no-such-queue");

        (await act.Should().ThrowAsync<QueueDoesNotExistException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await receive.Should().ThrowAsync<QueueDoesNotExistException>();
    }

    [Test]
    public async Task A_queue_lives_in_the_region_the_request_is_signed_for()
    {
        var name = UniqueName("regional");
        await CreateQueueAsync(name);

        var elsewhere = () => Client(region: "us-east-1").GetQueueUrlAsync(name);

        await elsewhere.Should().ThrowAsync<QueueDoesNotExistException>();
    }

    [Test]
    public async Task Creating_a_queue_again_with_other_attributes_is_refused_and_fifo_names_are_checked()
    {
        var name = UniqueName("again");
        await CreateQueueAsync(name, new() { ["VisibilityTimeout"] = "10" });

        var same = await Client().CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "10" } });
        var other = () => Client().CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "11" } });
        var fifoWithoutSuffix = () => Client().CreateQueueAsync(new CreateQueueRequest { QueueName = "plain", Attributes = new() { ["FifoQueue"] = "true" } });

        same.QueueUrl.Should().EndWith(name);
        (await other.Should().ThrowAsync<QueueNameExistsException>()).Which.ErrorCode.Should().Be("QueueAlreadyExists");
        (await fifoWithoutSuffix.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    [Test]
    public async Task Purge_empties_the_queue_once_a_minute()
    {
        var url = await CreateQueueAsync(UniqueName("purge"));
        await Client().SendMessageAsync(url, "x");

        await Client().PurgeQueueAsync(url);
        var again = () => Client().PurgeQueueAsync(url);

        (await ReceiveAsync(url)).Should().BeEmpty();
        await again.Should().ThrowAsync<PurgeQueueInProgressException>();
    }
}
