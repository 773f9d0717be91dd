using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// DESIGN §4.5: SOAR committing a create and then answering 500 must not lead to a second incident. The create is not
/// repeated blindly; the poller looks the incident up and uses it (completing its tables) or creates again only when
/// it is not there.
/// </summary>
[TestFixture]
public sealed class IdempotentCreateTests
{
    private const string CreateRoute = @"^POST /rest/orgs/\d+/incidents$";
    private const string CreateTemplate = "/rest/orgs/{org}/incidents";

    [Test]
    public async Task Creates_committed_then_answered_500_become_exactly_one_complete_incident_each()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 40, seed: 401);
        h.Soar.Faults.Add(SoarFault.CommitThenFail(CreateRoute, 12));
        var poller = h.NewPoller();

        var cycle = await poller.RunCycleAsync();

        cycle.Errors.Should().Be(0);
        cycle.Created.Should().Be(40);
        h.Soar.Faults.Fired.Should().Be(12);
        h.Soar.Calls.Get("POST", CreateTemplate).Should().Be(40, "a create SOAR committed is found, never sent again");
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
        h.Logs.Lines.Count(l => l.Contains("but had made incident", StringComparison.Ordinal)).Should().Be(12);
        Checkpoint(h, detector).PendingCreates.Should().BeEmpty("every table is complete");

        var again = await poller.RunCycleAsync();
        again.Created.Should().Be(0);
        h.Org.IncidentCount.Should().Be(40);
    }

    [Test]
    public async Task When_every_create_is_committed_then_failed_nothing_is_duplicated()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 25, seed: 402);
        h.Soar.Faults.Add(new SoarFault { Route = CreateRoute, Status = 502, AfterHandling = true });

        var cycle = await h.NewPoller().RunCycleAsync();

        cycle.Errors.Should().Be(0);
        cycle.Created.Should().Be(25);
        h.Soar.Calls.Get("POST", CreateTemplate).Should().Be(25);
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
    }

    [Test]
    public async Task Failed_creates_that_made_nothing_are_created_again_in_the_same_cycle_and_mixed_faults_make_no_duplicate()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 40, seed: 403);
        h.Soar.Faults.Add(SoarFault.Burst(CreateRoute, 500, 6));
        h.Soar.Faults.Add(SoarFault.CommitThenFail(CreateRoute, 6, status: 503));

        var cycle = await h.NewPoller().RunCycleAsync();

        cycle.Errors.Should().Be(0);
        cycle.Created.Should().Be(40);
        h.Soar.Faults.Fired.Should().Be(12);
        h.Soar.Calls.Get("POST", CreateTemplate).Should().Be(40 + 6, "only the creates SOAR refused outright are sent again");
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
    }

    [Test]
    public async Task A_create_that_keeps_failing_goes_to_the_retry_set_after_the_bounded_attempts_and_is_made_once_later()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 2, seed: 404);
        var outage = h.Soar.Faults.Add(SoarFault.Burst(CreateRoute, 500, 100));

        var down = await h.NewPoller(o => o with { CreateAttempts = 3, IncidentConcurrency = 1 }).RunCycleAsync();

        down.Errors.Should().Be(2);
        h.Soar.Calls.Get("POST", CreateTemplate).Should().Be(2 * 3, "three creates per finding, each after a lookup found nothing");
        var checkpoint = Checkpoint(h, detector);
        checkpoint.Retry.Keys.Should().BeEquivalentTo(findings.Select(f => f.Value<string>("id")!));
        checkpoint.PendingCreates.Should().BeEquivalentTo(checkpoint.Retry.Keys, "a failed create may still have reached SOAR");
        outage.Dispose();

        var up = await h.NewPoller().RunCycleAsync();

        up.Created.Should().Be(2);
        EscalationTests.AssertExactlyOnce(h, [(detector, findings)]);
    }

    private static DetectorCheckpoint Checkpoint(PollerHarness h, Fn.AwsGuardDuty.Sandbox.GuardDuty.DetectorKey detector) =>
        new CheckpointStore(h.StateDir, NullLogger.Instance).Load(PollerHarness.AccountA, detector.Region, detector.DetectorId);
}
