using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Tests.Sandbox.Sqs;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>The receive loop and the SQS client factory against the SQS emulator, over HTTP with SigV4.</summary>
public class PushReceiverTests : SqsEmulatorFixture
{
    private static readonly GuardDutyCredentials Credentials = new(new BasicAWSCredentials(Key, Secret), "static keys");

    [Test]
    public async Task The_factory_signs_for_the_queue_region_at_an_endpoint_override()
    {
        var url = await CreateQueueAsync(UniqueName("signing", fifo: true));
        using var sqs = PushSqsClientFactory.Create(Options(url), new GuardDutyClientOptions(), Credentials);
        using var unscoped = new AmazonSQSClient(Credentials.Credentials, new AmazonSQSConfig { ServiceURL = Emulator.Endpoint.ToString(), MaxErrorRetry = 0 });

        var attributes = await sqs.GetQueueAttributesAsync(url, ["FifoQueue"]);
        var withoutRegion = () => unscoped.GetQueueAttributesAsync(url, ["FifoQueue"]);

        attributes.FifoQueue.Should().BeTrue();
        await withoutRegion.Should().ThrowAsync<QueueDoesNotExistException>("a custom endpoint is otherwise signed for us-east-1");
    }

    [Test]
    public async Task Findings_and_malware_go_to_the_handler_and_everything_handled_or_ignored_is_deleted()
    {
        var url = await CreateQueueAsync(UniqueName("mixed", fifo: true));
        Send(url, PushEvents.FindingEvent(), "1");
        Send(url, PushEvents.MalwareEvent(), "2");
        Send(url, PushEvents.MalwareEvent("NO_THREATS_FOUND", eventId: "clean"), "3");
        var other = PushEvents.FindingEvent(eventId: "other");
        other["source"] = "aws.ec2";
        Send(url, other, "4");
        var handler = new RecordingPushHandler();
        var receiver = Receiver(url, handler);

        var received = await receiver.ReceiveOnceAsync(CancellationToken.None);

        received.Should().Be(4);
        handler.Calls.Should().Equal("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5", "s3-malware:amzn-s3-demo-bucket/uploads/invoice.pdf#d41d8cd98f00b204e9800998ecf8427e");
        receiver.Counters.Findings.Should().Be(1);
        receiver.Counters.Malware.Should().Be(1);
        receiver.Counters.MalwareWithoutThreats.Should().Be(1);
        receiver.Counters.Unknown.Should().Be(1);
        receiver.Counters.Deleted.Should().Be(4);
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }

    [Test]
    public async Task The_same_event_twice_makes_one_incident_and_leaves_nothing_on_the_queue()
    {
        var url = await CreateQueueAsync(UniqueName("twice", fifo: true));
        Send(url, PushEvents.FindingEvent(), "eventbridge-1");
        Send(url, PushEvents.SnsWrapped(PushEvents.FindingEvent(eventId: "re-sent")), "backstop-1");
        var handler = new RecordingPushHandler();

        await Receiver(url, handler).ReceiveOnceAsync(CancellationToken.None);

        handler.Calls.Should().HaveCount(2);
        handler.Incidents.Keys.Should().Equal("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5");
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }

    [Test]
    public async Task Visibility_is_extended_while_a_message_is_processed_so_another_instance_does_not_get_it()
    {
        var url = await CreateQueueAsync(UniqueName("extend", fifo: true));
        Send(url, PushEvents.FindingEvent(), "1");
        var handler = new RecordingPushHandler { Delay = (call, _) => call == 1 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero };
        var busy = Receiver(url, handler);
        var other = Receiver(url, handler);
        using var stop = new CancellationTokenSource();

        var first = busy.ReceiveOnceAsync(CancellationToken.None);
        await WaitUntil(() => !handler.Calls.IsEmpty);
        var competing = other.RunAsync(stop.Token);
        await first;
        await stop.CancelAsync();
        await competing;

        handler.Calls.Should().HaveCount(1, "the visibility (2 s) was extended while the handler took 5 s");
        busy.Counters.VisibilityExtensions.Should().BeGreaterThan(0);
        busy.Counters.Deleted.Should().Be(1);
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }

    [Test]
    public async Task When_visibility_expires_mid_processing_the_redelivered_message_is_recognised_and_one_incident_remains()
    {
        var url = await CreateQueueAsync(UniqueName("expire", fifo: true));
        Send(url, PushEvents.FindingEvent(), "1");
        State.Faults.FailEveryNthCall(1, operation: "ChangeMessageVisibilityBatch");
        var handler = new RecordingPushHandler { Delay = (call, _) => call == 1 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero };
        var slow = Receiver(url, handler);
        var other = Receiver(url, handler);
        using var stop = new CancellationTokenSource();

        var first = slow.ReceiveOnceAsync(CancellationToken.None);
        await WaitUntil(() => !handler.Calls.IsEmpty);
        var competing = other.RunAsync(stop.Token);
        await first;
        await WaitUntil(() => State.Messages(KeyOf(url)).Count == 0);
        await stop.CancelAsync();
        await competing;

        handler.Calls.Should().HaveCount(2, "the extension failed, so the message came back to the other instance");
        handler.Incidents.Should().ContainSingle();
        slow.Counters.VisibilityExtensionFailures.Should().BeGreaterThan(0);
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }

    [Test]
    public async Task A_message_the_handler_could_not_finish_stays_and_holds_back_the_rest_of_its_group()
    {
        var url = await CreateQueueAsync(UniqueName("retry", fifo: true));
        Send(url, PushEvents.FindingEvent(PushEvents.WireFinding(id: "aaaa")), "a");
        Send(url, PushEvents.FindingEvent(PushEvents.WireFinding(id: "bbbb")), "b");
        var handler = new RecordingPushHandler { Outcome = (call, _) => call == 1 ? PushOutcome.Retry : PushOutcome.Done };
        var receiver = Receiver(url, handler);
        using var stop = new CancellationTokenSource();

        var run = receiver.RunAsync(stop.Token);
        await WaitUntil(() => State.Messages(KeyOf(url)).Count == 0);
        await stop.CancelAsync();
        await run;

        handler.Calls.Should().Equal("aaaa", "aaaa", "bbbb");
        receiver.Counters.Retries.Should().Be(1);
        handler.Incidents.Keys.Should().BeEquivalentTo("aaaa", "bbbb");
    }

    [Test]
    public async Task An_unreadable_message_is_left_until_the_redrive_policy_moves_it_to_the_dead_letter_queue()
    {
        var dlqUrl = await CreateQueueAsync(UniqueName("dlq", fifo: true));
        var dlqArn = (await Client().GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).QueueARN;
        var url = await CreateQueueAsync(UniqueName("poison", fifo: true), new()
        {
            ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":3}}",
        });
        State.Enqueue(KeyOf(url), "this is not an event", "guardduty", "poison");
        Send(url, PushEvents.FindingEvent(), "good");
        var handler = new RecordingPushHandler();
        var receiver = Receiver(url, handler, unreadableDelay: TimeSpan.Zero);
        using var stop = new CancellationTokenSource();

        var run = receiver.RunAsync(stop.Token);
        await WaitUntil(() => State.Messages(KeyOf(dlqUrl)).Count == 1 && State.Messages(KeyOf(url)).Count == 0);
        await stop.CancelAsync();
        await run;

        State.Messages(KeyOf(dlqUrl)).Single().Body.Should().Be("this is not an event");
        handler.Calls.Should().Equal("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5");
        receiver.Counters.Unreadable.Should().Be(3);
    }

    [Test]
    public async Task Sqs_500s_and_throttling_are_survived()
    {
        var url = await CreateQueueAsync(UniqueName("faults", fifo: true));
        Send(url, PushEvents.FindingEvent(), "1");
        State.Faults.FailBurst(2, operation: "ReceiveMessage");
        State.Faults.ThrottleBurst(1, skip: 2, operation: "ReceiveMessage");
        State.Faults.FailBurst(1, operation: "DeleteMessageBatch");
        var handler = new RecordingPushHandler();
        var receiver = Receiver(url, handler);
        using var stop = new CancellationTokenSource();

        var run = receiver.RunAsync(stop.Token);
        await WaitUntil(() => State.Messages(KeyOf(url)).Count == 0);
        await stop.CancelAsync();
        await run;

        receiver.Counters.ReceiveFailures.Should().Be(3);
        receiver.Counters.DeleteFailures.Should().Be(1);
        handler.Calls.Should().HaveCount(2, "the first delete failed, so the message came back and was recognised");
        handler.Incidents.Should().ContainSingle();
    }

    private PushOptions Options(string url) =>
        new(SqsQueueAddress.Parse(url), Emulator.Endpoint, TimeSpan.FromSeconds(1), 10, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(60));

    private PushReceiver Receiver(string url, RecordingPushHandler handler, TimeSpan? unreadableDelay = null)
    {
        var sqs = PushSqsClientFactory.Create(Options(url), new GuardDutyClientOptions { MaxAttempts = 1 }, Credentials);
        return new PushReceiver(sqs, Options(url), handler, NullLogger<PushReceiver>.Instance,
            unreadableRedeliveryDelay: unreadableDelay ?? TimeSpan.FromSeconds(1), receiveBackoff: TimeSpan.FromMilliseconds(50));
    }

    private void Send(string url, JObject body, string deduplicationId) =>
        State.Enqueue(KeyOf(url), body.ToString(Newtonsoft.Json.Formatting.None), PushEventTypes.MessageGroupId, deduplicationId);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should have held within 30 s");
            await Task.Delay(100);
        }
    }
}
