using Amazon.Runtime;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Tests.Sandbox.Sqs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>The backstop's sends into the FIFO queue, read back as the receive loop reads them.</summary>
public class PushBackstopSenderTests : SqsEmulatorFixture
{
    [Test]
    public async Task Findings_are_queued_in_batches_as_finding_events_and_a_finding_queued_again_is_not_delivered_twice()
    {
        var url = await CreateQueueAsync(UniqueName("backstop", fifo: true), new() { ["ContentBasedDeduplication"] = "true" });
        var address = SqsQueueAddress.Parse(url);
        using var sqs = PushSqsClientFactory.Create(PushOptions.ForQueue(address, Emulator.Endpoint), new GuardDutyClientOptions(),
            new GuardDutyCredentials(new BasicAWSCredentials(Key, Secret), "static keys"));
        var sender = new PushBackstopSender(sqs, address, NullLogger<PushBackstopSender>.Instance);
        var findings = Enumerable.Range(0, 12).Select(i => PolledFinding.From(PushEvents.WireFinding(id: $"finding{i:D2}"))!).ToList();
        var callsBefore = State.Calls.Count("SendMessageBatch");

        var failedFirst = await sender.SendAsync(findings, "eu-west-1", CancellationToken.None);
        var failedAgain = await sender.SendAsync(findings.Take(3).ToList(), "eu-west-1", CancellationToken.None);
        var queued = State.Messages(KeyOf(url));

        failedFirst.Should().BeEmpty();
        failedAgain.Should().BeEmpty();
        (State.Calls.Count("SendMessageBatch") - callsBefore).Should().Be(3, "12 findings are two batches, the 3 again one more");
        queued.Should().HaveCount(12);
        queued.Select(m => m.MessageGroupId).Should().AllBe(PushEventTypes.MessageGroupId);
        queued[0].MessageDeduplicationId.Should().Be("finding00#2024-03-01T10:15:00.000Z");
        var read = new PushMessageReader().Read(queued[0].Body).Should().BeOfType<PushFinding>().Subject;
        read.Finding.Id.Should().Be("finding00");
        read.Region.Should().Be("eu-west-1");
        read.Event.Source.Should().Be("aws.guardduty");
    }

    [Test]
    public async Task A_finding_that_cannot_be_sent_is_reported_for_the_next_cycle()
    {
        var url = await CreateQueueAsync(UniqueName("backstop-fail", fifo: true));
        var address = SqsQueueAddress.Parse(url);
        using var sqs = PushSqsClientFactory.Create(PushOptions.ForQueue(address, Emulator.Endpoint), new GuardDutyClientOptions { MaxAttempts = 1 },
            new GuardDutyCredentials(new BasicAWSCredentials(Key, Secret), "static keys"));
        var sender = new PushBackstopSender(sqs, address, NullLogger<PushBackstopSender>.Instance);
        State.Faults.FailBurst(1, operation: "SendMessageBatch");

        var failed = await sender.SendAsync([PolledFinding.From(PushEvents.WireFinding(id: "lost"))!], "eu-west-1", CancellationToken.None);

        failed.Should().Equal("lost");
        State.Messages(KeyOf(url)).Should().BeEmpty();
    }
}
