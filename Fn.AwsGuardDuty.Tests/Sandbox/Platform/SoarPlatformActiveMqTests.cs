using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Sandbox.Stomp;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Platform;

/// <summary>The same publisher against a real ActiveMQ, with the app's FunctionListener on the other side.</summary>
[Category("Broker")]
public class SoarPlatformActiveMqTests
{
    private ActiveMqBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await SharedActiveMqBroker.GetAsync();

    [Test]
    public async Task CallAsync_returns_the_statuses_the_final_reply_and_the_latency()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(_broker.ClientOptions(), _broker.ClientOptions());

        var reply = await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = "via activemq" });

        reply.Statuses.Should().Equal("status one", "status two");
        reply.MessageType.Should().Be(0);
        reply.Content!["echo"]!.Value<string>().Should().Be("via activemq");
        reply.Content!["has_context_token"]!.Value<bool>().Should().BeTrue();
        reply.Content!["workflow_instance_id"]!.Value<long>().Should().Be(long.Parse(reply.CorrelationId["invid:".Length..]));
        reply.Latency.Should().BePositive().And.BeLessThan(TimeSpan.FromSeconds(5));
        harness.Platform.Latencies.Summary().Count.Should().Be(1);
        await harness.Listener.StopAsync(CancellationToken.None);
        (await QueueProbe.DrainAsync(_broker, harness.Platform.ActionsQueue)).Should().Be(0);
    }

    [Test]
    public async Task A_playbook_call_carries_a_playbook_instance_and_no_workflow()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(_broker.ClientOptions(), _broker.ClientOptions());

        var reply = await harness.Platform.CallAsync(GateHandler.FunctionName, new JObject(),
            new SoarPlaybookContext("example_aws_guardduty_archive_finding_pb", "AWS GuardDuty: Archive Finding (PB)", 2095));

        reply.Content!["playbook_instance_id"]!.Value<long>().Should().Be(long.Parse(reply.CorrelationId["invid:".Length..]));
        reply.Content!["workflow_instance_id"]!.Type.Should().Be(JTokenType.Null);
    }

    [Test]
    public async Task Concurrent_calls_over_TLS_are_each_answered_once_and_measured()
    {
        await using var harness = await SandboxListenerHarness.StartAsync(_broker.ClientOptions(tls: true), _broker.ClientOptions(tls: true),
            o => o.NumWorkers = 8);

        var replies = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => harness.Platform.CallAsync(GateHandler.FunctionName, new JObject { ["in_text"] = $"n{i}" })));

        replies.Select(r => r.Content!["echo"]!.Value<string>()).Should().BeEquivalentTo(Enumerable.Range(0, 40).Select(i => $"n{i}"));
        harness.Handler.Runs.Values.Should().OnlyContain(n => n == 1).And.HaveCount(40);
        harness.Platform.FinalReplyCounts().Values.Should().OnlyContain(n => n == 1);
        var latency = harness.Platform.Latencies.Summary(GateHandler.FunctionName);
        latency.Count.Should().Be(40);
        latency.P99.Should().BeGreaterThanOrEqualTo(latency.P50);
        harness.Platform.CallsInProgress.Should().Be(0);
    }
}
