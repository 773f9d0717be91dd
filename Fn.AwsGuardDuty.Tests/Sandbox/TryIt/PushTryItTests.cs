using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>The sandbox's EventBridge feed into the SQS emulator, and try-it running push by default.</summary>
public class PushTryItTests
{
    [Test]
    public async Task The_GuardDuty_emulator_publishes_finding_events_into_the_FIFO_queue_on_create_update_and_archive()
    {
        var credentials = new List<AwsCredential> { new("AKIAFEEDTEST00000001", "feed/secret", "123456789012") };
        await using var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions { Credentials = credentials });
        await using var sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = credentials });
        var queue = sqs.State.CreateQueue(new SqsQueueKey("us-east-1", "123456789012", "feed.fifo"), new Dictionary<string, string> { ["FifoQueue"] = "true" });
        using var feed = new EventBridgeFeed(guardDuty.State, sqs.State, queue);
        var detector = guardDuty.State.EnsureDetector("123456789012", "eu-west-1");
        var finding = new GuardDutyFindingGenerator(3, new FindingGeneratorOptions
        {
            AccountId = "123456789012",
            Region = "eu-west-1",
            DetectorId = detector.DetectorId,
        }).Generate(1).Single();
        var id = finding.Value<string>("id")!;

        guardDuty.State.AddFinding(detector, finding);
        guardDuty.State.AddFinding(detector, (JObject)guardDuty.State.GetFinding(detector, id)!.DeepClone());
        guardDuty.State.UpdateFinding(detector, id);
        guardDuty.State.SetArchived(detector, id, true);

        var messages = sqs.State.Messages(queue);
        messages.Should().HaveCount(3, "created, updated and archived are events; storing it unchanged is not");
        var events = messages.Select(m => JObject.Parse(m.Body)).ToList();
        events.Should().OnlyContain(e => e.Value<string>("source") == "aws.guardduty" && e.Value<string>("detail-type") == "GuardDuty Finding"
            && e.Value<string>("region") == "eu-west-1" && e.Value<string>("account") == "123456789012" && e["detail"]!.Value<string>("id") == id);
        events[2]["detail"]!["service"]!.Value<bool>("archived").Should().BeTrue();
        messages.Should().OnlyContain(m => m.MessageGroupId == EventBridgeFeed.MessageGroupId);
        feed.FirstPublished(id).Should().NotBeNull();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_demo_runs_push_by_default_and_shows_the_seconds_from_finding_to_incident(CancellationToken cancellationToken)
    {
        using var folder = new TryItFolder();
        var console = new TestConsole();
        var command = folder.DemoCommand(console);

        var code = await command.RunAsync(cancellationToken);

        code.Should().Be(0, console.Text);
        console.Text.Should().Contain("Incidents created in SOAR from the push queue").And.Contain("Push: finding event to incident in");
        folder.ReadLogs().Should().Contain("Push intake: receiving from").And.Contain("Push: GuardDuty finding");
    }
}
