using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Tests.Circuits;
using Fn.AwsGuardDuty.Tests.Functions;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Platform;

/// <summary>
/// The manual playbook "Mark as false positive (PB)" run against the SOAR emulator, through the real app (its listener
/// on ActiveMQ, its handlers, the GuardDuty emulator): the feedback and the ARCHIVE filter are in GuardDuty, the finding
/// is archived, and the incident is closed as "Not an Issue" with the playbook's note, without the automatic archive
/// playbook running again. Expected values are written out from the playbook's definition.
/// </summary>
public class FalsePositivePlaybookRunTests : FunctionsBrokerFixture
{
    private const string PortProbe = "Recon:EC2/PortProbeUnprotectedPort";
    private const string Instance = "i-0fa15e0000000001a";

    private SoarPlaybookRunner _runner = null!;

    [OneTimeSetUp]
    public void StartRunner()
    {
        _runner = new SoarPlaybookRunner(Soar, Platform, NullLogger<SoarPlaybookRunner>.Instance);
        _runner.Start();
    }

    [OneTimeTearDown]
    public async Task StopRunnerAsync()
    {
        if (_runner is not null)
            await _runner.DisposeAsync();
    }

    [SetUp]
    public void WithoutFilters() => GuardDuty.State.ClearFiltersAndLists(Detector);

    [Test]
    public async Task Leaves_feedback_and_filter_in_GuardDuty_the_finding_archived_and_the_incident_closed_with_its_note()
    {
        var findingId = "fp-" + Guid.NewGuid().ToString("N")[..12];
        GuardDuty.State.AddFinding(Detector, Finding(findingId));
        var incident = SeedIncident(findingId, Detector.DetectorId);
        var archiveCallsBefore = _runner.ArchiveCalls;

        var run = await _runner.RunMarkFalsePositiveAsync(incident.Id, "fp-port-probe-scanner", "internal vulnerability scanner");
        await _runner.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        run.Outcome.Should().Be(SoarPlaybookOutcome.Succeeded, run.Detail);
        var finding = GuardDuty.State.GetFinding(Detector, findingId)!;
        finding["service"]!["userFeedback"]!.Value<string>().Should().Be("NOT_USEFUL");
        finding["service"]!["archived"]!.Value<bool>().Should().BeTrue();
        var filter = GuardDuty.State.Filters(Detector).Should().ContainSingle().Subject;
        filter.Name.Should().Be("fp-port-probe-scanner");
        filter.Action.Should().Be("ARCHIVE");
        filter.Description.Should().Be($"False positive, from SOAR incident {incident.Id}");
        JsonShould.Equal(filter.FindingCriteria, new JObject
        {
            ["criterion"] = new JObject
            {
                ["type"] = new JObject { ["eq"] = new JArray(PortProbe) },
                ["resource.instanceDetails.instanceId"] = new JObject { ["eq"] = new JArray(Instance) },
                ["accountId"] = new JObject { ["eq"] = new JArray(Account) },
            },
        }.ToString(Newtonsoft.Json.Formatting.None));

        var closed = Incident(incident.Id);
        closed.PlanStatus.Should().Be("C");
        closed.ResolutionId.Should().Be("Not an Issue");
        closed.ResolutionSummary.Should().Be($"False positive: GuardDuty finding {findingId} marked NOT_USEFUL and archived.");
        closed.Properties["aws_guardduty_archived"].Should().Be("True");
        closed.Comments.Should().ContainSingle().Which.Content.Should().Be(
            "AWS GuardDuty: Playbook <b>AWS GuardDuty: Mark as false positive (PB)</b><br>"
            + $"Feedback <b>NOT_USEFUL</b> sent for finding <b>{findingId}</b>.<br>"
            + "Suppression rule <b>fp-port-probe-scanner</b> (action ARCHIVE) created with the criteria:<br>"
            + $"accountId Eq {Account}<br>resource.instanceDetails.instanceId Eq {Instance}<br>type Eq {PortProbe}<br>"
            + $"Finding <b>{findingId}</b> archived.<br>"
            + "Incident closed as <b>Not an Issue</b>.");
        _runner.ArchiveCalls.Should().Be(archiveCallsBefore + 1, "the playbook's own archive step only: closing an archived incident runs no archive playbook");
    }

    [Test]
    public async Task When_GuardDuty_will_not_archive_the_incident_stays_open_with_a_note_of_what_was_and_was_not_done()
    {
        var findingId = "fp-" + Guid.NewGuid().ToString("N")[..12];
        GuardDuty.State.AddFinding(Detector, Finding(findingId));
        var incident = SeedIncident(findingId, Detector.DetectorId);
        GuardDuty.State.Faults.FailBurst(10, operation: "ArchiveFindings");

        var run = await _runner.RunMarkFalsePositiveAsync(incident.Id, "fp-kept-open", comments: null);

        run.Outcome.Should().Be(SoarPlaybookOutcome.ScriptReportedError);
        run.Detail.Should().Be("1 of 3 steps not done");
        GuardDuty.State.Filters(Detector).Should().ContainSingle(f => f.Name == "fp-kept-open");
        var open = Incident(incident.Id);
        open.PlanStatus.Should().Be("A");
        open.Properties.GetValueOrDefault("aws_guardduty_archived").Should().BeNull();
        open.Comments.Should().ContainSingle().Which.Content.Should().EndWith(
            "<br><b>Not done:</b><br>The finding was not archived, so the incident stays open: "
            + "InternalServerErrorException: The request is rejected since an internal exception was encountered. (still failing after 3 attempts)");
    }

    [Test]
    public async Task An_incident_without_GuardDuty_fields_is_refused_before_any_call()
    {
        var incident = Soar.State.SeedIncident(new JObject { ["name"] = "not from GuardDuty", ["discovered_date"] = 0 }, Platform.OrgId);
        var replies = Platform.FinalReplyCounts().Values.Sum();

        var run = await _runner.RunMarkFalsePositiveAsync(incident.Id, "fp-none", comments: null);

        run.Outcome.Should().Be(SoarPlaybookOutcome.Failed);
        run.Detail.Should().Be("the incident has no value in aws_guardduty_finding_id, aws_guardduty_detector_id, aws_guardduty_region");
        Platform.FinalReplyCounts().Values.Sum().Should().Be(replies, "no function was called");
        Incident(incident.Id).Comments.Should().BeEmpty();
    }

    private SoarIncidentView SeedIncident(string findingId, string detectorId) =>
        Soar.State.SeedIncident(new JObject
        {
            ["name"] = "AWS GuardDuty: port probe " + findingId,
            ["discovered_date"] = 0,
            ["properties"] = new JObject
            {
                ["aws_guardduty_finding_id"] = findingId,
                ["aws_guardduty_detector_id"] = detectorId,
                ["aws_guardduty_region"] = Region,
            },
        }, Platform.OrgId);

    private SoarIncidentView Incident(long id) => Soar.State.Org(Platform.OrgId).GetIncident(id)!;

    private static JObject Finding(string id) => new()
    {
        ["id"] = id,
        ["type"] = PortProbe,
        ["severity"] = 2,
        ["title"] = "Unprotected port on EC2 instance is being probed",
        ["resource"] = new JObject { ["resourceType"] = "Instance", ["instanceDetails"] = new JObject { ["instanceId"] = Instance } },
    };
}
