using Amazon.Runtime;
using Amazon.SQS;
using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>
/// The poller in push mode (the backstop) against the GuardDuty, SOAR and SQS emulators: it queues what it finds instead
/// of escalating, and what could not be queued stays for the next cycle.
/// </summary>
public class PushBackstopPollerTests
{
    private const string Account = "111122223333";
    private const string Key = "AKIDBACKSTOPTEST0001";
    private const string Secret = "backstop/secret+test";

    [Test]
    public async Task Findings_that_could_not_be_queued_are_queued_next_cycle_and_none_is_escalated_directly()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        await using var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = [new AwsCredential(Key, Secret, Account)] });
        var queue = sqs.State.CreateQueue(new SqsQueueKey("us-east-1", Account, "backstop.fifo"), new Dictionary<string, string> { ["FifoQueue"] = "true" });
        using var client = new AmazonSQSClient(new BasicAWSCredentials(Key, Secret),
            new AmazonSQSConfig { ServiceURL = sqs.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var sender = new PushBackstopSender(client, SqsQueueAddress.Parse(queue.Url), h.LoggerFactory.CreateLogger<PushBackstopSender>());
        var seeded = h.Seed(h.Detector("us-east-1"), 5, seed: 31).Select(f => f.Value<string>("id")!).ToList();
        var poller = new FindingsPoller(h.Regions, h.CallerAccount, h.SoarClient, h.Mapper, h.Options(), TimeProvider.System, h.LoggerFactory.CreateLogger<FindingsPoller>(), sender);

        sqs.State.Faults.FailEveryNthCall(1, operation: "SendMessageBatch");
        await poller.RunCycleAsync();
        var queuedWhileFailing = sqs.State.Messages(queue).Count;
        sqs.State.Faults.Clear();
        await poller.RunCycleAsync();
        var queued = sqs.State.Messages(queue).Select(m => JObject.Parse(m.Body)).ToList();
        await poller.RunCycleAsync();

        queuedWhileFailing.Should().Be(0);
        queued.Select(e => e["detail"]!.Value<string>("id")).Should().BeEquivalentTo(seeded, "every finding that failed is retried");
        queued.Should().OnlyContain(e => e.Value<string>("detail-type") == "GuardDuty Finding" && e.Value<string>("region") == "us-east-1");
        sqs.State.Messages(queue).Should().HaveCount(5, "a finding queued once is not queued again while it is unchanged");
        h.Org.IncidentCount.Should().Be(0, "in push mode only the push intake escalates");
    }
}
