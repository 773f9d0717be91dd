using Fn.AwsGuardDuty.Tests.Poller.Support;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Defect 7: checkpoint saves that fail show in the cycle summary as an error; the checkpoint folder is owner-only.</summary>
[TestFixture]
public sealed class StateFolderTests
{
    [Test]
    public async Task Checkpoint_saves_that_keep_failing_make_the_cycle_summary_an_error()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        h.Seed(h.Detector("us-east-1"), 3, seed: 61);
        // The state folder's place is taken by a file: every save fails, as on a read-only or full volume.
        await File.WriteAllTextAsync(h.StateDir, "not a folder");
        var poller = h.NewPoller();

        var first = await poller.RunCycleAsync();
        var second = await poller.RunCycleAsync();

        first.Created.Should().Be(3, "SOAR is the ground truth: escalation goes on without a checkpoint");
        first.CheckpointSaveFailures.Should().BeGreaterThan(0);
        second.CheckpointSaveFailures.Should().BeGreaterThan(0);
        second.Created.Should().Be(0, "the per-batch SOAR lookup prevents duplicates");
        h.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Poll cycle:", StringComparison.Ordinal)
                && l.Contains("checkpoint save(s) failed", StringComparison.Ordinal) && l.Contains("aws_gd_state_dir", StringComparison.Ordinal))
            .Should().Be(2, "each cycle's summary line is an error while saves fail");
        h.Org.IncidentCount.Should().Be(3);
    }

    [Test]
    public async Task The_checkpoint_folder_is_created_owner_only()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        h.Seed(h.Detector("us-east-1"), 1, seed: 62);

        await h.NewPoller().RunCycleAsync();

        Directory.Exists(h.StateDir).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(h.StateDir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
