using Fn.AwsGuardDuty.Tests.Push.Support;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>
/// Two <c>run</c> instances on one FIFO queue (extensions.md §B "Several instances"): the EventBridge events and both
/// instances' backstop pollers, which send what they find into the same queue instead of escalating, all pass through
/// the one message group, so every finding gets exactly one incident and the queue ends empty, also when one instance
/// stops mid-stream.
/// </summary>
[NonParallelizable]
public class PushFifoInstancesTests
{
    [Test]
    public async Task Two_instances_with_their_backstops_on_one_FIFO_queue_make_exactly_one_incident_per_finding()
    {
        await using var world = await PushWorld.StartAsync();
        var findings = world.NewFindings(30, seed: 404);
        world.GuardDuty.State.AddFindings(world.Detector, findings);
        var ids = findings.Select(f => f.Value<string>("id")!).ToList();
        foreach (var finding in findings.Take(20)) world.Publish(PushWorld.FindingEvent(finding));

        var a = world.StartApp("a", "aws_gd_polling_enabled = true");
        var b = world.StartApp("b", "aws_gd_polling_enabled = true");
        await PushWorld.WaitUntil(() => ids.Count(id => world.IncidentsOf(id).Count > 0) >= 10, TimeSpan.FromSeconds(90), "the first incidents");
        await a.StopAsync();
        foreach (var finding in findings.Skip(10)) world.Publish(PushWorld.FindingEvent(finding));
        await PushWorld.WaitUntil(() => ids.All(id => world.IncidentsOf(id).Count > 0) && world.Sqs.State.Messages(world.Queue).Count == 0,
            TimeSpan.FromSeconds(120), "an incident for every finding and an empty queue");

        ids.Select(id => world.IncidentsOf(id).Count).Should().AllBeEquivalentTo(1, "one serialised stream never makes a second incident");
        world.Org.IncidentCount.Should().Be(30);
        (a.Log + b.Log).Should().Contain("sent into the push queue", "the backstops queue instead of escalating");
        world.Sqs.State.Messages(world.DeadLetters).Should().BeEmpty();
    }
}
