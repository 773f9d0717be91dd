using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>
/// The refresh and update playbooks' post-process script against the refresh function's real content
/// (FindingMapper.MapForRefresh(...).ToRefreshContentJson() of the sample findings).
/// </summary>
[TestFixture(PlaybookCatalog.RefreshFindingDetails)]
[TestFixture(PlaybookCatalog.UpdateFindingDetails)]
public class RefreshPlaybookTests(string playbook)
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    private static JObject RefreshContent(string vector, params ExistingArtifact[] existing) =>
        new FindingMapper(FixedTimeProvider.Default).MapForRefresh(VectorFiles.Sample(vector), "us-west-2", existing).ToRefreshContentJson();

    private static JObject OldRows() => new()
    {
        [DataTables.FindingOverview.Name] = new JArray(
            new JObject { ["severity"] = "1", ["query_execution_date"] = "2020-01-01 00:00:00" },
            new JObject { ["severity"] = "1", ["query_execution_date"] = "2020-01-02 00:00:00" }),
        [DataTables.ActionDetails.Name] = new JArray(new JObject { ["action_type"] = "OLD" }),
        [DataTables.InstanceDetails.Name] = new JArray(new JObject { ["instance_id"] = "i-old" }),
    };

    [Test]
    public async Task Replaces_the_six_tables_sets_the_fields_adds_the_listed_artifacts_and_clears_the_trigger()
    {
        var content = RefreshContent(VectorFiles.S3WithInstance);
        var run = await _harness.RunPostProcessAsync(playbook,
            TestIncident.Envelope(content, TestIncident.FindingInputs()), TestIncident.WithFinding(OldRows()));

        foreach (var table in DataTables.All)
        {
            var expected = content["data_tables"]![table.Name]!.Select(r => new JObject(((JObject)r["cells"]!).Properties()
                .Select(p => new JProperty(p.Name, p.Value["value"])))).ToList();
            var actual = (run.Tables[table.Name] as JArray ?? []).ToList();
            actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), $"the rows of {table.Name} are the refreshed ones, nothing else");
        }

        run.RowsDeleted.ToObject<Dictionary<string, int>>().Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [DataTables.FindingOverview.Name] = 2,
            [DataTables.ActionDetails.Name] = 1,
            [DataTables.InstanceDetails.Name] = 1,
        });
        run.Tables[DataTables.S3BucketDetails.Name]!.Count().Should().BeGreaterThan(0);

        var payload = content["payload"]!;
        run.Changed["severity_code"]!.Value<string>().Should().Be(payload["severity_code"]!.Value<string>());
        foreach (var name in new[] { IncidentFields.FindingUpdatedAt, IncidentFields.Count, IncidentFields.Archived, IncidentFields.Severity, IncidentFields.FindingType })
            run.Properties[name]!.Value<string>().Should().Be(payload["properties"]![name]!.Value<string>(), name);
        run.Properties[IncidentFields.FindingId]!.Value<string>().Should().Be(TestIncident.FindingId, "the identity is not rewritten");
        run.Changed["properties." + IncidentFields.TriggerRefresh]!.Value<bool>().Should().BeFalse();

        var listed = (JArray)content["artifacts"]!;
        listed.Should().NotBeEmpty();
        run.Artifacts.Select(a => (a["type"]!.Value<string>(), a["value"]!.Value<string>())).Should().Equal(
            listed.Select(a => ((string?)ArtifactTypes.Find(a["type"]!["name"]!.Value<string>())!.DisplayName, a["value"]!.Value<string>())));
        run.Artifacts.Select(a => a["description"]!.Value<string>()).Should().OnlyContain(d => d.Contains("extracted from GuardDuty"));

        run.Note.Should().Contain(TestIncident.FindingId).And.Contain(FunctionCatalog.RefreshFinding).And.NotContain("IAM Integration");
        run.Notes.Should().ContainSingle();
    }

    [Test]
    public async Task A_second_refresh_leaves_the_same_rows_not_twice_as_many()
    {
        var envelope = TestIncident.Envelope(RefreshContent(VectorFiles.PortProbe), TestIncident.FindingInputs());
        var first = await _harness.RunPostProcessAsync(playbook, envelope, TestIncident.WithFinding());
        var second = await _harness.RunPostProcessAsync(playbook, envelope, TestIncident.WithFinding((JObject)first.Tables.DeepClone()));

        JToken.DeepEquals(second.Tables, first.Tables).Should().BeTrue("refresh replaces rows:\n" + second.Tables);
        second.RowsAdded.Properties().Sum(p => p.Value.Count()).Should().Be(first.RowsAdded.Properties().Sum(p => p.Value.Count()));
    }

    [Test]
    public async Task Only_the_artifacts_the_refresh_lists_are_added()
    {
        var all = RefreshContent(VectorFiles.S3WithInstance)["artifacts"]!.Select(a => a["value"]!.Value<string>()!).ToList();
        var existing = all.Take(2).Select(v => new ExistingArtifact(null, v)).ToArray();
        var content = RefreshContent(VectorFiles.S3WithInstance, existing);

        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, TestIncident.FindingInputs()));

        run.Artifacts.Select(a => a["value"]!.Value<string>()).Should().Equal(all.Skip(2));
    }

    [Test]
    public async Task A_failed_call_or_a_missing_finding_changes_no_data_and_says_why()
    {
        var failed = await _harness.RunPostProcessAsync(playbook,
            TestIncident.Envelope(new JObject(), TestIncident.FindingInputs(), success: false, reason: "BadRequestException: detector <x> not owned"),
            TestIncident.WithFinding(OldRows()));
        failed.Note.Should().Contain("BadRequestException: detector &lt;x&gt; not owned");
        failed.RowsDeleted.Should().BeEmpty();
        failed.Artifacts.Should().BeEmpty();
        failed.Changed.Properties().Select(p => p.Name).Should().Equal("properties." + IncidentFields.TriggerRefresh);

        var missing = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject(), TestIncident.FindingInputs()), TestIncident.WithFinding(OldRows()));
        missing.Note.Should().Contain("No finding data");
        missing.Tables[DataTables.FindingOverview.Name]!.Should().HaveCount(2, "the rows stay when there is nothing to replace them with");
    }

    [Test]
    public async Task Where_scripts_cannot_delete_rows_the_new_rows_are_added_and_the_note_says_the_old_ones_stayed()
    {
        var run = await _harness.RunPostProcessAsync(playbook,
            TestIncident.Envelope(RefreshContent(VectorFiles.Discovery), TestIncident.FindingInputs()), TestIncident.WithFinding(OldRows()), rowDeleteApi: false);

        run.Tables[DataTables.FindingOverview.Name]!.Should().HaveCount(3);
        run.Note.Should().Contain("earlier rows were kept");
    }
}
