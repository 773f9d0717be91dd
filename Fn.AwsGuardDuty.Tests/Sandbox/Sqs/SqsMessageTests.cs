using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Sqs;

/// <summary>Send, receive, delete, visibility, long polling and batches; the SDK checks every MD5 the emulator returns.</summary>
public class SqsMessageTests : SqsEmulatorFixture
{
    [Test]
    public async Task A_message_with_attributes_round_trips_and_is_gone_after_delete()
    {
        var url = await CreateQueueAsync(UniqueName("rt"));
        var sent = await Client().SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "{\"hello\":\"wörld\"}",
            MessageAttributes = new()
            {
                ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "finding" },
                ["count"] = new MessageAttributeValue { DataType = "Number", StringValue = "3" },
                ["blob"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([1, 2, 3]) },
            },
        });

        var received = (await ReceiveAsync(url)).Single();
        await Client().DeleteMessageAsync(url, received.ReceiptHandle);

        // MD5 of "{"hello":"wörld"}" in UTF-8, computed outside this code base (md5sum).
        sent.MD5OfMessageBody.Should().Be("350a65ddaf4148f9f4fd19793b7ee08f");
        received.MessageId.Should().Be(sent.MessageId);
        received.Body.Should().Be("{\"hello\":\"wörld\"}");
        received.MessageAttributes["kind"].StringValue.Should().Be("finding");
        received.MessageAttributes["count"].StringValue.Should().Be("3");
        received.Attributes["ApproximateReceiveCount"].Should().Be("1");
        received.Attributes["SenderId"].Should().Be(Key);
        (await ReceiveAsync(url)).Should().BeEmpty();
    }

    [Test]
    public async Task Long_polling_returns_as_soon_as_a_message_arrives_and_waits_the_full_time_otherwise()
    {
        var url = await CreateQueueAsync(UniqueName("long"));

        var clock = Stopwatch.StartNew();
        var empty = await ReceiveAsync(url, wait: 1);
        var emptyTook = clock.Elapsed;

        clock.Restart();
        var pending = ReceiveAsync(url, wait: 10);
        await Task.Delay(300);
        await Client().SendMessageAsync(url, "late");
        var got = await pending;
        var gotTook = clock.Elapsed;

        empty.Should().BeEmpty();
        emptyTook.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        got.Single().Body.Should().Be("late");
        gotTook.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Test]
    public async Task A_message_comes_back_after_its_visibility_timeout_with_a_new_handle_and_the_old_one_deletes_nothing()
    {
        var url = await CreateQueueAsync(UniqueName("vis"));
        await Client().SendMessageAsync(url, "again");

        var first = (await ReceiveAsync(url, visibility: 1)).Single();
        var hidden = await ReceiveAsync(url);
        var second = (await ReceiveAsync(url, wait: 5)).Single();
        await Client().DeleteMessageAsync(url, first.ReceiptHandle);
        var staleChange = () => Client().ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 30);

        hidden.Should().BeEmpty();
        second.MessageId.Should().Be(first.MessageId);
        second.ReceiptHandle.Should().NotBe(first.ReceiptHandle);
        second.Attributes["ApproximateReceiveCount"].Should().Be("2");
        State.Messages(KeyOf(url)).Should().ContainSingle("a stale receipt handle must not delete the message");
        (await staleChange.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
        await Client().DeleteMessageAsync(url, second.ReceiptHandle);
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }

    [Test]
    public async Task Changing_the_visibility_keeps_a_message_hidden_longer()
    {
        var url = await CreateQueueAsync(UniqueName("extend"));
        await Client().SendMessageAsync(url, "slow");
        var message = (await ReceiveAsync(url, visibility: 1)).Single();

        await Client().ChangeMessageVisibilityAsync(url, message.ReceiptHandle, 30);
        await Task.Delay(1300);

        (await ReceiveAsync(url)).Should().BeEmpty();
        await Client().ChangeMessageVisibilityAsync(url, message.ReceiptHandle, 0);
        (await ReceiveAsync(url)).Single().MessageId.Should().Be(message.MessageId);
    }

    [Test]
    public async Task An_unknown_receipt_handle_is_invalid()
    {
        var url = await CreateQueueAsync(UniqueName("bad-handle"));

        var act = () => Client().DeleteMessageAsync(url, "bm90LWEtaGFuZGxl");

        await act.Should().ThrowAsync<ReceiptHandleIsInvalidException>();
    }

    [TestCase(0)]
    [TestCase(11)]
    public async Task MaxNumberOfMessages_outside_1_to_10_is_refused(int max)
    {
        var url = await CreateQueueAsync(UniqueName("max"));

        var act = () => Client().ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = max });

        (await act.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    [Test]
    public async Task WaitTimeSeconds_over_20_is_refused()
    {
        var url = await CreateQueueAsync(UniqueName("wait"));

        var act = () => Client().ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 21 });

        (await act.Should().ThrowAsync<AmazonSQSException>()).Which.ErrorCode.Should().Be("InvalidParameterValue");
    }

    [Test]
    public async Task Batches_report_each_entry_and_refuse_more_than_ten()
    {
        var url = await CreateQueueAsync(UniqueName("batch"));
        var sent = await Client().SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("a", "first"),
            new SendMessageBatchRequestEntry("b", "second"),
            new SendMessageBatchRequestEntry("c", "bad \u0001 character"),
        ]);
        var received = await ReceiveAsync(url, visibility: 30);
        var changed = await Client().ChangeMessageVisibilityBatchAsync(url,
        [
            new ChangeMessageVisibilityBatchRequestEntry("x", received[0].ReceiptHandle) { VisibilityTimeout = 0 },
            new ChangeMessageVisibilityBatchRequestEntry("y", "bm90LWEtaGFuZGxl") { VisibilityTimeout = 0 },
        ]);
        var deleted = await Client().DeleteMessageBatchAsync(url, received.Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle)).ToList());
        var tooMany = () => Client().SendMessageBatchAsync(url, Enumerable.Range(0, 11).Select(i => new SendMessageBatchRequestEntry($"e{i}", "x")).ToList());

        sent.Successful.Select(s => s.Id).Should().BeEquivalentTo("a", "b");
        sent.Failed.Should().ContainSingle(f => f.Id == "c" && f.Code == "InvalidMessageContents" && f.SenderFault == true);
        received.Select(m => m.Body).Should().BeEquivalentTo("first", "second");
        changed.Successful.Should().ContainSingle(s => s.Id == "x");
        changed.Failed.Should().ContainSingle(f => f.Id == "y" && f.Code == "ReceiptHandleIsInvalid");
        deleted.Successful.Should().HaveCount(2);
        State.Messages(KeyOf(url)).Should().BeEmpty();
        await tooMany.Should().ThrowAsync<TooManyEntriesInBatchRequestException>();
    }
}
