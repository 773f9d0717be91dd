using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>The archive playbook's post-process script, for each result the archive function can give.</summary>
public class ArchivePlaybookTests
{
    private const string Playbook = PlaybookCatalog.ArchiveFinding;
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    [Test]
    public async Task Ok_marks_the_incident_archived_and_notes_it()
    {
        var run = await _harness.RunPostProcessAsync(Playbook,
            TestIncident.Envelope(new JObject { ["status"] = "ok" }, TestIncident.FindingInputs()));

        run.Changed.Properties().Select(p => p.Name).Should().Equal("properties." + IncidentFields.Archived);
        run.Properties[IncidentFields.Archived]!.Value<string>().Should().Be("True");
        run.Note.Should().Contain(TestIncident.FindingId).And.Contain(TestIncident.DetectorId).And.Contain(TestIncident.Region)
            .And.Contain("was archived").And.Contain("AWS GuardDuty: Playbook").And.NotContain("IAM Integration");
    }

    [TestCase("error", "msg", "An error occurred (BadRequestException) when calling the ArchiveFindings operation: not owned")]
    [TestCase("weird", null, "unexpected status")]
    public async Task Other_statuses_leave_the_incident_and_say_what_happened(string status, string? key, string expected)
    {
        var content = new JObject { ["status"] = status };
        if (key is not null)
            content[key] = expected;
        var run = await _harness.RunPostProcessAsync(Playbook, TestIncident.Envelope(content, TestIncident.FindingInputs()));

        run.Changed.Should().BeEmpty();
        run.Note.Should().Contain(expected);
    }

    [Test]
    public async Task A_failed_call_or_no_result_is_noted()
    {
        var failed = await _harness.RunPostProcessAsync(Playbook,
            TestIncident.Envelope(new JObject(), TestIncident.FindingInputs(), success: false, reason: "ThrottlingException: rate exceeded"));
        failed.Note.Should().Contain("ThrottlingException: rate exceeded");
        failed.Changed.Should().BeEmpty();

        var none = await _harness.RunPostProcessAsync(Playbook, null);
        none.Note.Should().Contain("no result");
    }
}
