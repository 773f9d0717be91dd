using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Kills, graceful stops and a corrupt checkpoint: no duplicate, no missing incident, nothing re-escalated.</summary>
[TestFixture]
public sealed class RestartTests
{
    [Test]
    public async Task Killed_at_random_points_and_restarted_leaves_no_duplicate_no_gap_and_no_re_escalation()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1");
        var seeded = new[] { h.Detector("us-east-1"), h.Detector("eu-west-1") }.Select((d, i) => (d, h.Seed(d, 120, seed: 31 + i))).ToList();
        // Slow SOAR down a little so kills land between a create and its table rows as well.
        using var slow = h.Soar.Faults.Add(SoarFault.Delay("row_data", TimeSpan.FromMilliseconds(2)));
        var random = new Random(42);
        var kills = 0;

        for (var i = 0; i < 6; i++)
        {
            using var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(40, 600)));
            try
            {
                await h.NewPoller().RunCycleAsync(CancellationToken.None, kill.Token);
            }
            catch (OperationCanceledException)
            {
                kills++;
            }

            // A killed process takes a moment to come back; requests it had sent are done by then.
            await Task.Delay(150);
        }

        var final = await h.NewPoller().RunCycleAsync();
        var after = await h.NewPoller().RunCycleAsync();

        kills.Should().BeGreaterThanOrEqualTo(3, "most runs are cut short");
        final.Errors.Should().Be(0);
        EscalationTests.AssertExactlyOnce(h, seeded);
        after.Created.Should().Be(0);
        after.Refreshed.Should().Be(0);
        h.Soar.Calls.Get("PATCH", "/rest/orgs/{org}/incidents/{id}").Should().Be(0, "nothing was ever refreshed or re-escalated");
        TestContext.Out.WriteLine($"{kills} kills; creates sent {h.Soar.Calls.Get("POST", "/rest/orgs/{org}/incidents")} for 240 findings");
    }

    [Test]
    public async Task A_graceful_stop_finishes_the_batch_in_progress_and_saves_exactly_what_SOAR_accepted()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 400, seed: 41);
        using var slow = h.Soar.Faults.Add(SoarFault.Delay("row_data", TimeSpan.FromMilliseconds(3)));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        var stopped = await h.NewPoller().RunCycleAsync(stop.Token);

        stopped.Stopped.Should().BeTrue();
        stopped.Created.Should().BeInRange(1, 399);
        var checkpoint = new CheckpointStore(h.StateDir, NullLogger.Instance).Load(PollerHarness.AccountA, "us-east-1", detector.DetectorId);
        checkpoint.PendingCreates.Should().BeEmpty("the batch in progress finished");
        checkpoint.Retry.Should().BeEmpty();
        var incidents = h.IncidentsByFinding();
        incidents.Count.Should().Be((int)stopped.Created);
        foreach (var finding in findings)
        {
            var id = finding.Value<string>("id")!;
            var at = Fn.AwsGuardDuty.Poller.PolledFinding.ParseEpochMs(finding["updatedAt"]);
            var covered = at < checkpoint.HighWater || checkpoint.IsDone(id, at);
            covered.Should().Be(incidents.Contains(id), $"the checkpoint covers finding {id} exactly when SOAR has its incident");
            if (incidents.Contains(id)) SpecIncident.From(h.Gd.GetFinding(detector, id)!, detector.Region).ShouldBeHeldBy(incidents[id].Single());
        }

        var rest = await h.NewPoller().RunCycleAsync();
        rest.Created.Should().Be(400 - stopped.Created);
        h.Org.IncidentCount.Should().Be(400);
    }

    [Test]
    public async Task A_corrupt_checkpoint_is_logged_and_rebuilt_without_a_crash_or_duplicates()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 30, seed: 51);
        await h.NewPoller().RunCycleAsync();
        var path = new CheckpointStore(h.StateDir, NullLogger.Instance).PathFor(PollerHarness.AccountA, "us-east-1", detector.DetectorId);
        await File.WriteAllTextAsync(path, "{\"format\": 1, \"region\": \"us-east-1\", \"recent\": [1,2");

        var rebuilt = await h.NewPoller().RunCycleAsync();
        h.Gd.SetArchived(detector, findings[5].Value<string>("id")!, true);
        var reconciled = await h.NewPoller().RunCycleAsync();

        rebuilt.Errors.Should().Be(0);
        rebuilt.Created.Should().Be(0, "the per-batch lookup finds every incident");
        rebuilt.Unchanged.Should().Be(30);
        h.Logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("is corrupt", StringComparison.Ordinal));
        Directory.GetFiles(h.StateDir, "*.corrupt-*").Should().ContainSingle();
        reconciled.Closed.Should().Be(1, "open incidents were re-read from SOAR for the archive check");
        h.Org.IncidentCount.Should().Be(30);
    }
}
