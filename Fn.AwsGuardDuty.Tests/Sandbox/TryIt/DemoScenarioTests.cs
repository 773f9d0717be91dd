using Fn.AwsGuardDuty.Functions;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>
/// <c>--scenario demo</c> in-process, end to end: the stand-ins, the customization import, the real app host, the
/// broker and the playbook runner. Every expectation of the story is checked by the command itself; the test checks
/// the exit code, the summary's counts and that no secret reached the console or the logs.
/// </summary>
public class DemoScenarioTests
{
    [Test]
    [CancelAfter(150_000)] // step 6 (an organisation's attack sequences, two idle cycles) adds polls; loaded CI machines are slow
    public async Task The_demo_plays_the_whole_loop_and_exits_0_with_the_expected_counts(CancellationToken cancellationToken)
    {
        using var folder = new TryItFolder();
        var console = new TestConsole();
        var command = folder.DemoCommand(console);

        var code = await command.RunAsync(cancellationToken);

        code.Should().Be(0, console.Text);
        console.Text.Should().Contain("Demo passed: every expectation held").And.Contain("Stopped: the app (exit 0)");
        var summary = command.Summary!;
        summary.FindingsSeeded.Should().Be(12);
        summary.Regions.Should().Be(3);
        // 12 seeded findings, then step 6's organisation: 2 members × (4 findings + 1 attack sequence).
        summary.IncidentsCreated.Should().Be(22, "one incident per finding, no duplicate");
        console.Text.Should().Contain("An attack sequence across an organisation").And.Contain("its member findings' incidents are linked")
            .And.Contain("two more poll cycles change nothing");
        summary.IncidentsRefreshed.Should().Be(1);
        // Closed: one by the poller (archived in GuardDuty), one by an analyst (step 4), one by the false-positive playbook (step 7).
        console.Text.Should().Contain("An analyst marks an incident as a false positive").And.Contain("closed, note added, no archive playbook after it");
        // The false-positive playbook's ARCHIVE filter archives its finding at once, so the app may close that incident
        // before the playbook's script does: either way three closes, and /metrics agrees with whichever happened.
        summary.IncidentsClosed.Should().Be(3);
        summary.ClosedByAnalyst.Should().BeInRange(1, 2);
        console.Text.Should().Contain("The operator endpoint").And.Contain("both 200")
            .And.Contain($"agrees: 22 created, {summary.ClosedByPoller} closed, 1 refresh triggers, 11 function calls over 10 functions");
        summary.IncidentsReopened.Should().Be(0);
        summary.FindingsArchived.Should().Be(3);
        summary.PlaybookFailures.Should().Be(0);
        summary.Functions.Select(f => f.Function).Should().BeEquivalentTo(
            FunctionNames.ArchiveFinding, FunctionNames.RefreshFinding, FunctionNames.CreateIpSet, FunctionNames.ListIpSet,
            FunctionNames.GetIpSet, FunctionNames.DeleteIpSet, FunctionNames.GetFindings, FunctionNames.ListFindings,
            FunctionNames.UpdateFindingsFeedback, FunctionNames.CreateFilter);
        summary.Functions.Should().OnlyContain(f => f.P50 > TimeSpan.Zero && f.P99 >= f.P50);
        // The archive function ran for the analyst's close (step 4) and in the false-positive playbook (step 7).
        summary.Functions.Should().OnlyContain(f => f.Calls == (f.Function == FunctionNames.ArchiveFinding ? 2 : 1));
        summary.GuardDutyCalls.Should().BeGreaterThan(0);
        summary.GuardDutyCallsByOperation.Should().ContainKeys("DescribeRegions", "ListDetectors", "ListFindings", "GetFindings", "ArchiveFindings");
        summary.SoarCalls.Should().BeGreaterThan(12);
        summary.PollCycles.Should().BeGreaterThanOrEqualTo(3);

        var session = await command.Ready;
        foreach (var secret in session.Secrets.All)
        {
            console.Text.Should().NotContain(secret);
            folder.ReadLogs().Should().NotContain(secret);
        }

        folder.ReadLogs().Should().Contain("fn-aws-guardduty stopped");
    }
}
