using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Push;
using Fn.AwsGuardDuty.Tests.Push.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>The selftest row "SQS push queue" against the SQS and GuardDuty emulators, after the rows it builds on.</summary>
[NonParallelizable]
public class PushSelfTestTests
{
    private PushWorld _world = null!;

    [OneTimeSetUp]
    public async Task Start() => _world = await PushWorld.StartAsync(maxReceiveCount: 5);

    [OneTimeTearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Without_a_queue_url_the_row_is_skipped()
    {
        var path = _world.WriteConfig("off");
        File.WriteAllText(path, string.Join('\n', File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("aws_gd_sqs_", StringComparison.Ordinal))));

        var result = await RunAsync(path);

        result.Status.Should().Be(SelfTestStatus.Skipped);
        result.Message.Should().Contain("push off");
    }

    [Test]
    public async Task A_FIFO_queue_with_a_redrive_policy_and_a_recent_message_passes_without_warnings()
    {
        var path = _world.WriteConfig("fifo");
        _world.GuardDuty.State.AddFindings(_world.Detector, _world.NewFindings(1, seed: 505));
        await new PushFeedMark(_world.StateDir("fifo")).WriteAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);

        var result = await RunAsync(path);

        result.Status.Should().Be(SelfTestStatus.Pass);
        result.Message.Should().Contain("FIFO queue").And.Contain("redrive to fn-aws-guardduty-dlq.fifo after 5 receive(s)").And.NotContain("WARNING");
    }

    [Test]
    public async Task A_standard_queue_without_redrive_says_one_instance_and_warns_and_a_silent_queue_with_new_findings_warns()
    {
        var plain = new Fn.AwsGuardDuty.Sandbox.Sqs.SqsQueueKey(PushWorld.Region, PushWorld.AwsAccount, "fn-aws-guardduty-plain");
        _world.Sqs.State.CreateQueue(plain, new Dictionary<string, string>());
        var path = _world.WriteConfig("plain", queue: plain);
        _world.GuardDuty.State.AddFindings(_world.Detector, _world.NewFindings(1, seed: 606));
        await new PushFeedMark(_world.StateDir("plain")).WriteAsync(DateTimeOffset.UtcNow.AddHours(-2), CancellationToken.None);

        var result = await RunAsync(path);

        result.Status.Should().Be(SelfTestStatus.Pass);
        result.Message.Should().Contain("standard queue: run one instance only")
            .And.Contain("WARNING no redrive policy")
            .And.Contain("WARNING no message arrived since")
            .And.Contain("while GuardDuty had findings updated in the last hour (us-east-1)");
    }

    [Test]
    public async Task Credentials_without_the_queue_fail_the_row_with_the_permissions_to_grant()
    {
        var missing = new Fn.AwsGuardDuty.Sandbox.Sqs.SqsQueueKey(PushWorld.Region, PushWorld.AwsAccount, "no-such-queue.fifo");
        var path = _world.WriteConfig("missing", queue: missing);

        var result = await RunAsync(path);

        result.Status.Should().Be(SelfTestStatus.Fail);
        result.Message.Should().Contain("GetQueueAttributes on no-such-queue.fifo failed");
        result.Hint.Should().Contain("sqs:GetQueueAttributes");
    }

    private async Task<SelfTestResult> RunAsync(string configPath)
    {
        var config = AppConfigLoader.LoadFile(configPath, _world.Environment);
        using var session = new SelfTestSession(config, NullLoggerFactory.Instance);
        (await new AwsCredentialsSelfTestCheck(session).RunAsync(CancellationToken.None)).Status.Should().Be(SelfTestStatus.Pass);
        (await new AwsRegionsSelfTestCheck(session).RunAsync(CancellationToken.None)).Status.Should().Be(SelfTestStatus.Pass);
        return await new PushQueueSelfTestCheck(session, TimeProvider.System).RunAsync(CancellationToken.None);
    }
}
