using System.Numerics;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Sqs;

/// <summary>FIFO: message groups, deduplication, sequence numbers; and redrive to a dead-letter queue.</summary>
public class SqsFifoTests : SqsEmulatorFixture
{
    [Test]
    public async Task A_group_with_a_message_in_flight_delivers_nothing_more_until_it_is_deleted()
    {
        var url = await CreateQueueAsync(UniqueName("groups", fifo: true));
        await Send(url, "A1", "A", "a1");
        await Send(url, "A2", "A", "a2");
        await Send(url, "B1", "B", "b1");

        var first = await ReceiveAsync(url, max: 1, visibility: 30);
        var second = await ReceiveAsync(url, max: 10, visibility: 30);
        await Client().DeleteMessageAsync(url, first[0].ReceiptHandle);
        var third = await ReceiveAsync(url, max: 10, visibility: 30);

        first.Select(m => m.Body).Should().Equal("A1");
        second.Select(m => m.Body).Should().Equal("B1");
        third.Select(m => m.Body).Should().Equal("A2");
        third[0].Attributes["MessageGroupId"].Should().Be("A");
        third[0].Attributes["MessageDeduplicationId"].Should().Be("a2");
    }

    [Test]
    public async Task Several_messages_of_one_group_come_in_order_with_rising_sequence_numbers()
    {
        var url = await CreateQueueAsync(UniqueName("order", fifo: true));
        var sent = new List<SendMessageResponse>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await Send(url, $"m{i}", "g", $"d{i}"));
        }

        var received = await ReceiveAsync(url, max: 10);

        received.Select(m => m.Body).Should().Equal("m0", "m1", "m2", "m3", "m4");
        var numbers = sent.Select(s => BigInteger.Parse(s.SequenceNumber)).ToList();
        numbers.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        received.Select(m => m.Attributes["SequenceNumber"]).Should().Equal(sent.Select(s => s.SequenceNumber));
    }

    [Test]
    public async Task A_visibility_timeout_releases_the_group_and_redelivers_the_same_message_first()
    {
        var url = await CreateQueueAsync(UniqueName("release", fifo: true));
        await Send(url, "A1", "A", "1");
        await Send(url, "A2", "A", "2");

        var first = await ReceiveAsync(url, max: 1, visibility: 1);
        var again = await ReceiveAsync(url, max: 1, wait: 5);

        again.Single().Body.Should().Be("A1");
        again[0].ReceiptHandle.Should().NotBe(first[0].ReceiptHandle);
    }

    [Test]
    public async Task The_same_deduplication_id_within_five_minutes_is_accepted_but_delivered_once()
    {
        var url = await CreateQueueAsync(UniqueName("dedup", fifo: true));

        var one = await Send(url, "finding v1", "g", "finding-1#2024-01-01T00:00:00Z");
        var two = await Send(url, "finding v1 (again)", "g", "finding-1#2024-01-01T00:00:00Z");
        var received = await ReceiveAsync(url);

        two.MessageId.Should().Be(one.MessageId);
        received.Select(m => m.Body).Should().Equal("finding v1");
    }

    [Test]
    public async Task Content_based_deduplication_uses_the_body()
    {
        var url = await CreateQueueAsync(UniqueName("content", fifo: true), new() { ["ContentBasedDeduplication"] = "true" });

        await Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "same", MessageGroupId = "g" });
        await Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "same", MessageGroupId = "g" });
        await Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "other", MessageGroupId = "g" });

        (await ReceiveAsync(url)).Select(m => m.Body).Should().Equal("same", "other");
    }

    [Test]
    public async Task A_fifo_send_needs_a_group_and_a_deduplication_id_or_content_based_deduplication()
    {
        var url = await CreateQueueAsync(UniqueName("rules", fifo: true));

        var noGroup = () => Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageDeduplicationId = "d" });
        var noDedup = () => Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageGroupId = "g" });
        var delayed = () => Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageGroupId = "g", MessageDeduplicationId = "d", DelaySeconds = 5 });

        (await noGroup.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("MissingParameter");
        (await noDedup.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
        (await delayed.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    [Test]
    public async Task After_maxReceiveCount_receives_the_message_moves_to_the_dead_letter_queue_and_unblocks_its_group()
    {
        var dlqUrl = await CreateQueueAsync(UniqueName("dead", fifo: true));
        var dlqArn = (await Client().GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).QueueARN;
        var url = await CreateQueueAsync(UniqueName("poison", fifo: true), new()
        {
            ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":2}}",
        });
        await Send(url, "poison", "g", "p");
        await Send(url, "good", "g", "q");

        var one = await ReceiveAsync(url, max: 1, visibility: 0);
        var two = await ReceiveAsync(url, max: 1, visibility: 0);
        var three = await ReceiveAsync(url, max: 1, visibility: 30);
        var dead = await ReceiveAsync(dlqUrl);

        one.Single().Body.Should().Be("poison");
        two.Single().Attributes["ApproximateReceiveCount"].Should().Be("2");
        three.Single().Body.Should().Be("good");
        dead.Single().Body.Should().Be("poison");
        dead[0].Attributes["DeadLetterQueueSourceArn"].Should().EndWith(KeyOf(url).Name);
        dead[0].Attributes["MessageGroupId"].Should().Be("g");
    }

    [Test]
    public async Task A_standard_queue_refuses_a_deduplication_id()
    {
        var url = await CreateQueueAsync(UniqueName("std-dedup"));

        var act = () => Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageDeduplicationId = "d" });

        (await act.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    private Task<SendMessageResponse> Send(string url, string body, string group, string dedup) =>
        Client().SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body, MessageGroupId = group, MessageDeduplicationId = dedup });
}
