using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Sandbox.TryIt;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Push.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>
/// The push intake in the app as <c>run</c> wires it (<see cref="WorldHost"/> over <see cref="PushWorld"/>'s app.config):
/// messages by outcome, the event-to-incident time and the SQS calls, against what the test put on the queue, what
/// SOAR saw (try-it's <see cref="SoarActivity"/>) and what the SQS emulator received.
/// </summary>
[NonParallelizable]
public sealed class PushMetricsTests
{
    [Test]
    public async Task Messages_are_counted_by_outcome_and_each_escalated_event_has_its_event_to_incident_time()
    {
        await using var world = await PushWorld.StartAsync(maxReceiveCount: 5);
        using var activity = new SoarActivity(world.Soar.State, world.Org.Id);
        var config = AppConfigLoader.LoadFile(world.WriteConfig("metrics"), world.Environment);
        await using var host = await WorldHost.StartAsync(config, NullLoggerFactory.Instance, null, CancellationToken.None);
        using var probe = new MetricsProbe(host.Services);
        var findings = world.NewFindings(3, seed: 71);
        var published = DateTimeOffset.UtcNow;

        foreach (var finding in findings) world.Publish(PushWorld.FindingEvent(finding));
        world.Publish("this is not an event", "unreadable-1");
        world.Publish(new JObject
        {
            ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "Object Created", ["source"] = "aws.s3",
            ["time"] = "2026-01-01T00:00:00Z", ["region"] = PushWorld.Region, ["resources"] = new JArray(), ["detail"] = new JObject(),
        });
        await PushWorld.WaitUntil(() => probe.Count(MetricNames.PushMessages, "outcome", MetricOutcomes.Done) == findings.Count
                                        && probe.Count(MetricNames.PushMessages, "outcome", MetricOutcomes.Ignored) == 1
                                        && probe.Count(MetricNames.PushMessages, "outcome", MetricOutcomes.Unreadable) >= 1,
            because: "every message handled: " + probe.Describe(MetricNames.PushMessages));

        probe.Count(MetricNames.PushMessages, "outcome", MetricOutcomes.Retry).Should().Be(0);
        probe.Count(MetricNames.IncidentsCreated).Should().Be(findings.Count).And.Be(activity.Created);
        var waited = (DateTimeOffset.UtcNow - published).TotalSeconds;
        // The events' time has whole seconds, so an event can look up to a second older than it is.
        probe.Recorded(MetricNames.PushEventToIncident).Should().HaveCount(findings.Count).And.OnlyContain(s => s >= 0 && s <= waited + 1);
        probe.Count(MetricNames.AwsCalls, "operation", "ReceiveMessage", "outcome", MetricOutcomes.Ok).Should().BePositive();
        // The handled messages are deleted after their batch: the deletes may still be on their way.
        await PushWorld.WaitUntil(() => world.Sqs.State.Calls.Count("DeleteMessageBatch") > 0
                                        && probe.Count(MetricNames.AwsCalls, "operation", "DeleteMessageBatch", "outcome", MetricOutcomes.Ok)
                                        == world.Sqs.State.Calls.Count("DeleteMessageBatch"),
            because: "each DeleteMessageBatch the emulator received is counted");
    }
}
