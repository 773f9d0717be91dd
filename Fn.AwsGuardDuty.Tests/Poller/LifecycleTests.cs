using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>Known findings: updates refresh exactly once, archived findings close their incident, and nothing ping-pongs.</summary>
[TestFixture]
public sealed class LifecycleTests
{
    [Test]
    public async Task An_updated_finding_flips_the_refresh_trigger_exactly_once()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 5, seed: 7);
        var poller = h.NewPoller();
        await poller.RunCycleAsync();
        var flips = new ConcurrentQueue<long>();
        h.Soar.State.IncidentChanged += (_, e) =>
        {
            if (e.Changes.Any(c => c.Field == "properties." + IncidentFields.TriggerRefresh && Equals(c.NewValue, true))) flips.Enqueue(e.Incident.Id);
        };
        var id = findings[2].Value<string>("id")!;

        h.Gd.UpdateFinding(detector, id);
        var first = await poller.RunCycleAsync();
        var second = await poller.RunCycleAsync();
        var third = await h.NewPoller().RunCycleAsync();

        first.Refreshed.Should().Be(1);
        (second.Refreshed + third.Refreshed).Should().Be(0, "the checkpoint remembers the refresh even though no playbook updated the incident");
        flips.Should().Equal(h.IncidentOf(id).Id);
        h.IncidentOf(id).Properties[IncidentFields.TriggerRefresh].Should().Be(false, "the trigger is reset so the next update can flip it again");
        h.Org.IncidentCount.Should().Be(5);
    }

    [Test]
    public async Task Direct_update_mode_updates_fields_and_replaces_rows_once()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 4, seed: 8);
        var poller = h.NewPoller(o => o with { UpdateMode = UpdateMode.Direct });
        await poller.RunCycleAsync();
        var id = findings[1].Value<string>("id")!;
        var before = h.IncidentOf(id);
        var rowsBefore = before.Tables.ToDictionary(t => t.Key, t => t.Value.Count, StringComparer.Ordinal);
        rowsBefore.Should().NotBeEmpty();

        var updated = h.Gd.UpdateFinding(detector, id, f => f["severity"] = 9.5);
        var first = await poller.RunCycleAsync();
        var second = await poller.RunCycleAsync();

        first.Refreshed.Should().Be(1);
        second.Refreshed.Should().Be(0);
        var after = h.IncidentOf(id);
        after.Id.Should().Be(before.Id);
        IncidentAssertions.Text(after.Properties[IncidentFields.FindingUpdatedAt]).Should().Be(updated.Value<string>("updatedAt"));
        IncidentAssertions.Text(after.Properties[IncidentFields.Count]).Should().Be(updated.SelectToken("service.count")!.ToString());
        IncidentAssertions.Text(after.Properties[IncidentFields.Severity]).Should().Be("9.5");
        after.SeverityCode.Should().Be("High");
        foreach (var (table, count) in rowsBefore)
            after.Rows(table).Should().HaveCount(count, $"rows of {table} are replaced, not appended");
        IncidentAssertions.Text(after.Rows(DataTables.FindingOverview.Name).Single().Cells["updated_at"])
            .Should().Be(updated.Value<string>("updatedAt"), "the overview row holds the new updatedAt");
        IncidentAssertions.Text(after.Rows(DataTables.FindingOverview.Name).Single().Cells["severity"]).Should().Be("9.5");

        after.Artifacts.Select(a => (a.Type, a.Value)).Should().OnlyHaveUniqueItems();
        after.Comments.Should().HaveCount(2, "the creation note and one refresh note");
    }

    [Test]
    public async Task Archiving_a_finding_closes_its_incident_with_the_built_in_template()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 6, seed: 9);
        var poller = h.NewPoller();
        await poller.RunCycleAsync();
        var id = findings[3].Value<string>("id")!;

        h.Gd.SetArchived(detector, id, true);
        var cycle = await poller.RunCycleAsync();
        var next = await poller.RunCycleAsync();

        cycle.Closed.Should().Be(1);
        next.Closed.Should().Be(0);
        var incident = h.IncidentOf(id);
        incident.IsClosed.Should().BeTrue();
        incident.ResolutionId.Should().Be("Resolved");
        incident.ResolutionSummary.Should().StartWith("Resolved by Resilient integration AWS GuardDuty poller");
        IncidentAssertions.Text(incident.Properties[IncidentFields.Archived]).Should().Be("True", "so the archive playbook does not archive it again");
        h.Org.GetIncidents().Count(i => i.IsClosed).Should().Be(1);
    }

    [Test]
    public async Task An_incident_closed_in_SOAR_whose_playbook_archives_the_finding_does_not_ping_pong()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 4, seed: 10);
        var poller = h.NewPoller(o => o with { ClosedIncidentAction = ClosedIncidentAction.Reopen });
        await poller.RunCycleAsync();
        SimulateArchivePlaybook(h, detector);
        var changes = new ConcurrentQueue<SoarIncidentChangeKind>();
        var id = findings[0].Value<string>("id")!;
        var incidentId = h.IncidentOf(id).Id;

        await h.SoarClient.Incidents.CloseAsync(incidentId, new Dictionary<string, JToken?>
        {
            ["resolution_id"] = "Not an Issue",
            ["resolution_summary"] = "Closed by an analyst",
        });
        h.Gd.GetFinding(detector, id)!.SelectToken("service.archived")!.Value<bool>().Should().BeTrue("the simulated playbook archived it");
        h.Soar.State.IncidentChanged += (_, e) => { if (e.Incident.Id == incidentId) changes.Enqueue(e.Kind); };
        var cycles = new[] { await poller.RunCycleAsync(), await poller.RunCycleAsync(), await h.NewPoller().RunCycleAsync() };

        changes.Should().BeEmpty("the poller neither reopens, re-closes nor touches the incident");
        cycles.Sum(c => c.Created + c.Reopened + c.Closed + c.Errors).Should().Be(0);
        h.IncidentOf(id).IsClosed.Should().BeTrue();
        h.Org.IncidentCount.Should().Be(4);
    }

    [Test]
    public async Task An_updated_finding_of_a_closed_incident_is_left_closed_or_reopened_as_configured_never_duplicated()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1");
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 3, seed: 11);
        await h.NewPoller().RunCycleAsync();
        var leftId = findings[0].Value<string>("id")!;
        var reopenId = findings[1].Value<string>("id")!;
        foreach (var id in new[] { leftId, reopenId })
            await h.SoarClient.Incidents.CloseAsync(h.IncidentOf(id).Id, new Dictionary<string, JToken?>
            {
                ["resolution_id"] = "Duplicate",
                ["resolution_summary"] = "analyst",
            });

        h.Gd.UpdateFinding(detector, leftId);
        var leave = await h.NewPoller().RunCycleAsync();
        h.Gd.UpdateFinding(detector, reopenId);
        var reopen = await h.NewPoller(o => o with { ClosedIncidentAction = ClosedIncidentAction.Reopen }).RunCycleAsync();

        leave.Skipped.Should().Be(1);
        leave.Created.Should().Be(0);
        h.IncidentOf(leftId).IsClosed.Should().BeTrue();
        h.Logs.Lines.Should().Contain(l => l.Contains(leftId, StringComparison.Ordinal) && l.Contains("left closed", StringComparison.Ordinal));
        reopen.Reopened.Should().Be(1);
        reopen.Created.Should().Be(0);
        h.IncidentOf(reopenId).IsClosed.Should().BeFalse();
        h.Org.IncidentCount.Should().Be(3);
    }

    [Test]
    public async Task A_close_refused_for_required_fields_is_reported_once_and_retried_with_a_new_template()
    {
        await using var h = await PollerHarness.StartAsync("us-east-1", requiredOnClose: ["resolution_id", "resolution_summary", "reporter"]);
        var detector = h.Detector("us-east-1");
        var findings = h.Seed(detector, 3, seed: 12);
        await h.NewPoller().RunCycleAsync();
        var id = findings[2].Value<string>("id")!;
        h.Gd.SetArchived(detector, id, true);

        for (var i = 0; i < 3; i++) await h.NewPoller().RunCycleAsync();

        h.IncidentOf(id).IsClosed.Should().BeFalse();
        h.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("cannot be closed", StringComparison.Ordinal))
            .Should().Be(1, "the refusal is reported once, not every cycle");
        var template = Path.Combine(h.TempDir, "close.json");
        await File.WriteAllTextAsync(template, """{"plan_status":"C","resolution_id":"Resolved","resolution_summary":"archived in GuardDuty","reporter":"poller"}""");

        var fixedCycle = await h.NewPoller(o => o with { CloseIncidentTemplatePath = template }).RunCycleAsync();

        fixedCycle.Closed.Should().Be(1);
        h.IncidentOf(id).IsClosed.Should().BeTrue();
        h.IncidentOf(id).Fields.GetValueOrDefault("reporter").Should().Be("poller");
    }

    /// <summary>The automatic "Archive finding" playbook: closing an incident whose archived flag is not True archives the finding.</summary>
    internal static void SimulateArchivePlaybook(PollerHarness h, DetectorKey detector) =>
        h.Soar.State.IncidentChanged += (_, e) =>
        {
            if (e.Kind != SoarIncidentChangeKind.Closed) return;
            if (IncidentAssertions.Text(e.Incident.Properties.GetValueOrDefault(IncidentFields.Archived)) == "True") return;
            var findingId = IncidentAssertions.Text(e.Incident.Properties.GetValueOrDefault(IncidentFields.FindingId));
            if (findingId is not null && h.Gd.GetFinding(detector, findingId) is not null) h.Gd.SetArchived(detector, findingId, true);
        };
}
