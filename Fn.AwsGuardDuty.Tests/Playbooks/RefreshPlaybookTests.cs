using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>
/// The refresh and update playbooks' post-process script against the refresh function's real content
/// (FindingMapper.MapForRefresh(...).ToRefreshContentJson() of the sample findings, with <c>tables_replaced</c> as this
/// app's function sets it, and without it as an older function returned it). The harness raises on
/// <c>incident.deleteRow</c> and <c>incident.&lt;table&gt;</c>, which SOAR scripts do not have.
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

    /// <summary>The content as this app's refresh function returns it: it has replaced the rows itself.</summary>
    private static JObject FunctionContent(string vector, params ExistingArtifact[] existing)
    {
        var content = RefreshContent(vector, existing);
        content[RefreshFindingFunction.TablesReplacedKey] = true;
        return content;
    }

    private static int RowCount(JObject content) => ((JObject)content["data_tables"]!).Properties().Sum(p => p.Value.Count());

    [Test]
    public async Task When_the_function_replaced_the_tables_sets_the_fields_adds_the_listed_artifacts_and_leaves_the_rows_alone()
    {
        var content = FunctionContent(VectorFiles.S3WithInstance);
        var incident = TestIncident.WithFinding(OldRows());
        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, TestIncident.FindingInputs()), incident);

        run.RowsAdded.Should().BeEmpty("the function already replaced the rows over REST");
        JToken.DeepEquals(run.Tables, incident["tables"]).Should().BeTrue("the script touches no table:\n" + run.Tables);

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

        run.Note.Should().Contain(TestIncident.FindingId).And.Contain(FunctionCatalog.RefreshFinding).And.NotContain("IAM Integration")
            .And.Contain($"the 8 data tables replaced by the function with {RowCount(content)} rows").And.NotContain("added");
        run.Notes.Should().ContainSingle();
    }

    [Test]
    public async Task Two_refreshes_by_the_function_add_no_rows_from_the_script()
    {
        var envelope = TestIncident.Envelope(FunctionContent(VectorFiles.PortProbe), TestIncident.FindingInputs());
        var first = await _harness.RunPostProcessAsync(playbook, envelope, TestIncident.WithFinding());
        var second = await _harness.RunPostProcessAsync(playbook, envelope, TestIncident.WithFinding((JObject)first.Tables.DeepClone()));

        first.RowsAdded.Should().BeEmpty();
        second.RowsAdded.Should().BeEmpty();
        second.Tables.Should().BeEmpty();
    }

    [TestCase(null)]
    [TestCase(false)]
    public async Task From_an_older_function_the_refreshed_rows_are_added_and_the_note_says_earlier_rows_were_kept(bool? tablesReplaced)
    {
        var content = RefreshContent(VectorFiles.S3WithInstance);
        if (tablesReplaced is { } flag)
            content[RefreshFindingFunction.TablesReplacedKey] = flag;
        var old = OldRows();

        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, TestIncident.FindingInputs()), TestIncident.WithFinding(old));

        foreach (var table in DataTables.All)
        {
            var refreshed = content["data_tables"]![table.Name]!.Select(r => new JObject(((JObject)r["cells"]!).Properties()
                .Select(p => new JProperty(p.Name, p.Value["value"])))).ToList();
            var kept = (old[table.Name] as JArray ?? []).ToList();
            var actual = (run.Tables[table.Name] as JArray ?? []).ToList();
            actual.Should().BeEquivalentTo(kept.Concat(refreshed), o => o.WithStrictOrdering(),
                $"{table.Name} keeps its rows (a script cannot delete them) and gets the refreshed ones");
        }

        run.Tables[DataTables.S3BucketDetails.Name]!.Count().Should().BeGreaterThan(0);
        run.Note.Should().Contain($"{RowCount(content)} data table rows added").And.Contain("earlier rows were kept");
        run.Changed["properties." + IncidentFields.TriggerRefresh]!.Value<bool>().Should().BeFalse();
        run.Artifacts.Should().HaveCount(content["artifacts"]!.Count());
    }

    [Test]
    public async Task From_an_older_function_a_sequence_fills_both_sequence_tables_and_adds_user_accounts()
    {
        var content = RefreshContent(VectorFiles.S3SequenceBoto);
        var signals = (JArray)content["data_tables"]![DataTables.SequenceSignals.Name]!;
        var indicators = (JArray)content["data_tables"]![DataTables.SequenceIndicators.Name]!;
        signals.Should().HaveCount(3);
        indicators.Should().HaveCount(3);

        var run = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(content, TestIncident.FindingInputs()), TestIncident.WithFinding());

        foreach (var (table, rows) in new[] { (DataTables.SequenceSignals.Name, signals), (DataTables.SequenceIndicators.Name, indicators) })
        {
            var expected = rows.Select(r => new JObject(((JObject)r["cells"]!).Properties().Select(p => new JProperty(p.Name, p.Value["value"]))));
            run.Tables[table]!.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), table);
        }
        run.Tables[DataTables.SequenceSignals.Name]![1]!["signal_uid"]!.Value<string>().Should().Be("s3-data-events-getobject-9a2b");
        run.Properties[IncidentFields.AccountId]!.Value<string>().Should().Be("444455556666");
        run.Artifacts.Where(a => a["type"]!.Value<string>() == "User Account").Select(a => a["value"]!.Value<string>())
            .Should().BeEquivalentTo("mallory", "etl-runner");
    }

    [Test]
    public async Task Only_the_artifacts_the_refresh_lists_are_added()
    {
        var all = RefreshContent(VectorFiles.S3WithInstance)["artifacts"]!.Select(a => a["value"]!.Value<string>()!).ToList();
        var existing = all.Take(2).Select(v => new ExistingArtifact(null, v)).ToArray();
        var content = FunctionContent(VectorFiles.S3WithInstance, existing);

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
        failed.RowsAdded.Should().BeEmpty();
        failed.Artifacts.Should().BeEmpty();
        failed.Changed.Properties().Select(p => p.Name).Should().Equal("properties." + IncidentFields.TriggerRefresh);

        var missing = await _harness.RunPostProcessAsync(playbook, TestIncident.Envelope(new JObject(), TestIncident.FindingInputs()), TestIncident.WithFinding(OldRows()));
        missing.Note.Should().Contain("No finding data");
        missing.Tables[DataTables.FindingOverview.Name]!.Should().HaveCount(2, "the rows stay when there is nothing to replace them with");
    }
}
