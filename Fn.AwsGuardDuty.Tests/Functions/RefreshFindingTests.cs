using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Tests.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary>
/// <c>func_aws_guardduty_refresh_finding</c> through the listener, with the finding in the GuardDuty emulator and the
/// incident in the SOAR emulator. The main case is the seed document's refresh example (sample 02 at
/// 2024-04-11 14:08:54), moved into this fixture's account and detector.
/// </summary>
public class RefreshFindingTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.RefreshFinding;
    private const string SeedFindingId = "xxxxyyyyzzzz";

    private static readonly FindingConverter Converter = new();

    [OneTimeSetUp]
    public void SeedTheSeedDocumentsFinding() => GuardDuty.State.AddFinding(Detector, Converter.ToWire(SeededSample()));

    /// <summary>Sample 02 as seeded: moved into this fixture's account and detector, nothing else changed.</summary>
    private JObject SeededSample()
    {
        var sample = VectorFiles.Sample(VectorFiles.Discovery);
        sample["AccountId"] = Account;
        sample["Arn"] = SeededArn;
        sample["Service"]!["DetectorId"] = Detector.DetectorId;
        return sample;
    }

    private string SeededArn => $"arn:aws:guardduty:{Region}:{Account}:detector/{Detector.DetectorId}/finding/{SeedFindingId}";

    [Test]
    public async Task Returns_the_seed_examples_content_with_only_new_artifacts_and_posts_the_refresh_note()
    {
        var incidentId = await NewIncidentAsync();
        await SoarClient.Artifacts.AddAsync(incidentId, "IP Address", "129.41.56.2");
        await SoarClient.Artifacts.AddAsync(incidentId, "aws_iam_access_key_id", "xxxxyyyy");
        var inputs = Inputs(SeedFindingId, Detector.DetectorId, incidentId);

        var replies = await CallAsync(Function, inputs);

        // The whole content, from the vectors and the spec alone (guardduty-app.md §3, §4.3): the sample as seeded, the
        // expected payload of sample 02 moved into this account and detector with only the artifact the incident lacks,
        // and its expected tables.
        var results = replies.ShouldBeCompleted();
        var content = (JObject)Reply.Json(results["raw"]!.Value<string>()!);
        JToken.DeepEquals(results["inputs"], JToken.Parse(inputs.ToString(Formatting.None))).Should().BeTrue("inputs are echoed");
        var expectedContent = ExpectedRefreshContent(NewArtifacts);
        JToken.DeepEquals(content, expectedContent).Should().BeTrue(
            $"the content is the vector's:\n{content.ToString(Formatting.Indented)}\nexpected:\n{expectedContent.ToString(Formatting.Indented)}");

        // Key for key with the seed document's refresh example (plus the top-level artifacts the refresh script reads,
        // and tables_replaced: the function replaced the incident's rows itself, so the script leaves the tables alone).
        content.Properties().Select(p => p.Name).Should().Equal("timestamp", "finding", "region", "payload", "data_tables", "artifacts", "tables_replaced");
        content["tables_replaced"]!.Type.Should().Be(JTokenType.Boolean);
        content["tables_replaced"]!.Value<bool>().Should().BeTrue();
        content["timestamp"]!.Value<string>().Should().Be("2024-04-11 14:08:54");
        content["region"]!.Value<string>().Should().Be(Region);
        content["finding"]!["Id"]!.Value<string>().Should().Be(SeedFindingId);
        content["finding"]!["Service"]!["DetectorId"]!.Value<string>().Should().Be(Detector.DetectorId);
        var payload = (JObject)content["payload"]!;
        payload.Properties().Select(p => p.Name).Should().Equal(
            "name", "description", "discovered_date", "severity_code", "properties", "artifacts", "comments");
        payload["comments"].Should().BeOfType<JArray>().Which.Should().BeEmpty("the note is posted, not returned");
        payload["properties"]!.Value<string>("aws_guardduty_severity").Should().Be("2");
        JsonShouldEqualIgnoringOrder(content["artifacts"]!, NewArtifacts.ToString(Formatting.None));

        // data_tables: every table by api name with its complete rows, as the seed shows them (only the account differs);
        // kept for older playbook scripts, and exactly what the incident's tables now hold.
        content["data_tables"]!.ToString(Formatting.Indented).Should().Be(ExpectedTables().ToString(Formatting.Indented));
        await IncidentShouldHoldExactlyAsync(incidentId, (JObject)content["data_tables"]!);

        // §3.5: the refresh heading, then the finding; this app writes it as indented JSON.
        const string heading = "AWS GuardDuty finding Payload for refresh:\n";
        var comments = Soar.State.DefaultOrg.GetIncident(incidentId)!.Comments;
        comments.Should().ContainSingle();
        comments[0].Content.Should().StartWith(heading + "{\n  \"");
        JToken.DeepEquals(Reply.Json(comments[0].Content[heading.Length..]), SeededSample()).Should().BeTrue("the note holds the finding as seeded");
        comments[0].Format.Should().Be("text");
    }

    [Test]
    public async Task A_refresh_whose_note_artifacts_and_rows_are_committed_then_answered_502_leaves_no_duplicate()
    {
        var incidentId = await NewIncidentAsync();
        using var notes = Soar.Faults.Add(SoarFault.CommitThenGatewayError($"^POST /rest/orgs/\\d+/incidents/{incidentId}/comments$", count: 1));
        using var rows = Soar.Faults.Add(SoarFault.CommitThenGatewayError($"^POST /rest/orgs/\\d+/incidents/{incidentId}/table_data/.*/row_data$", count: 3, status: 504));

        var content = (JObject)Reply.Json((await CallAsync(Function, Inputs(SeedFindingId, Detector.DetectorId, incidentId)))
            .ShouldBeCompleted()["raw"]!.Value<string>()!);

        Soar.Faults.Fired.Should().Be(4, "the note and three rows were committed and then failed");
        Soar.State.DefaultOrg.GetIncident(incidentId)!.Comments.Should().ContainSingle("the note that landed was found, not posted again");
        content["data_tables"]!.ToString(Formatting.Indented).Should().Be(ExpectedTables().ToString(Formatting.Indented));
        await IncidentShouldHoldExactlyAsync(incidentId, ExpectedTables());
    }

    [Test]
    public async Task Two_refreshes_leave_the_incident_with_exactly_the_refreshed_rows_and_stale_rows_are_gone()
    {
        var incidentId = await NewIncidentAsync();
        await SoarClient.DataTables.AddRowAsync(incidentId, DataTables.FindingOverview.Name,
            new Dictionary<string, JToken?> { ["severity"] = "9", ["query_execution_date"] = "2020-01-01 00:00:00" });
        await SoarClient.DataTables.AddRowAsync(incidentId, DataTables.InstanceDetails.Name,
            new Dictionary<string, JToken?> { ["instance_id"] = "i-stale" });
        var inputs = Inputs(SeedFindingId, Detector.DetectorId, incidentId);

        var first = (JObject)Reply.Json((await CallAsync(Function, inputs)).ShouldBeCompleted()["raw"]!.Value<string>()!);
        var second = (JObject)Reply.Json((await CallAsync(Function, inputs)).ShouldBeCompleted()["raw"]!.Value<string>()!);

        first["tables_replaced"]!.Value<bool>().Should().BeTrue();
        second["tables_replaced"]!.Value<bool>().Should().BeTrue();
        JToken.DeepEquals(second["data_tables"], first["data_tables"]).Should().BeTrue("the finding did not change between the refreshes");
        ((JObject)second["data_tables"]!).Properties().Sum(p => p.Value.Count()).Should().BeGreaterThan(0);
        await IncidentShouldHoldExactlyAsync(incidentId, (JObject)second["data_tables"]!);
        Soar.State.DefaultOrg.GetIncident(incidentId)!.Comments.Should().HaveCount(2, "each refresh posts its note");
    }

    [Test]
    public async Task A_table_that_cannot_be_replaced_fails_the_call_naming_the_table_and_the_others_are_still_replaced()
    {
        var incidentId = await NewIncidentAsync();
        using var fault = Soar.Faults.Add(SoarFault.Every(
            $"^GET /rest/orgs/\\d+/incidents/{incidentId}/table_data/{DataTables.InstanceDetails.Name}", nth: 1, status: 500));

        var replies = await CallAsync(Function, Inputs(SeedFindingId, Detector.DetectorId, incidentId));

        replies.Should().ContainSingle("an error is the only reply");
        replies[0]["message_type"]!.Value<int>().Should().Be(1);
        replies[0]["message"]!.Value<string>().Should().StartWith(
            $"Could not replace the rows of data table {DataTables.InstanceDetails.Name} of incident {incidentId}: ");
        var rows = await SoarClient.DataTables.ListRowsAsync(incidentId, DataTables.FindingOverview.Name);
        rows.Should().ContainSingle("the tables that could be replaced were");
    }

    [Test]
    public async Task Without_existing_artifacts_every_artifact_of_the_finding_is_returned()
    {
        var incidentId = await NewIncidentAsync();

        var replies = await CallAsync(Function, Inputs(SeedFindingId, Detector.DetectorId, incidentId));

        var content = (JObject)Reply.Json(replies.ShouldBeCompleted()["raw"]!.Value<string>()!);
        content["artifacts"]!.Select(a => $"{a["type"]!["name"]}={a["value"]}")
            .Should().BeEquivalentTo("aws_iam_access_key_id=xxxxyyyy", "aws_iam_user_name=dummy", "IP Address=129.41.56.2");
    }

    [Test]
    public async Task A_finding_GuardDuty_does_not_return_gives_empty_content_and_writes_nothing()
    {
        var incidentId = await NewIncidentAsync();
        var inputs = Inputs("0000aaaa1111bbbb2222cccc3333dddd", Detector.DetectorId, incidentId);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject(), inputs);
        Soar.State.DefaultOrg.GetIncident(incidentId)!.Comments.Should().BeEmpty();
    }

    [Test]
    public async Task An_AWS_error_fails_the_call_as_the_reference_does()
    {
        var incidentId = await NewIncidentAsync();

        var replies = await CallAsync(Function, Inputs(SeedFindingId, UnknownDetector, incidentId));

        replies.ShouldBeError("AWS GuardDuty GetFindings in us-east-1 failed: BadRequestException: " + NotOwnedMessage);
    }

    [Test]
    public async Task Throttling_that_outlives_the_retries_fails_the_call()
    {
        var incidentId = await NewIncidentAsync();
        GuardDuty.State.Faults.ThrottleBurst(10, operation: "GetFindings");

        var replies = await CallAsync(Function, Inputs(SeedFindingId, Detector.DetectorId, incidentId));

        replies.ShouldBeError(
            "AWS GuardDuty GetFindings in us-east-1 failed: TooManyRequestsException: Too Many Requests (still failing after 3 attempts)");
    }

    [Test]
    public async Task An_incident_SOAR_does_not_know_fails_the_call_by_name()
    {
        var replies = await CallAsync(Function, Inputs(SeedFindingId, Detector.DetectorId, 987654321));

        replies.ShouldBeError("Incident 987654321 was not found in SOAR.");
    }

    [TestCase("abc", "input 'incident_id' must be a number")]
    [TestCase(null, "missing required input 'incident_id'")]
    [TestCase(0, "input 'incident_id' must be a positive number, got 0")]
    [TestCase(2.5, "input 'incident_id' must be a number")]
    public async Task A_missing_or_invalid_incident_id_is_refused_by_name_before_any_call(object? incidentId, string message)
    {
        var before = GuardDuty.State.Calls.Total;
        var inputs = FindingInputs(SeedFindingId, Detector.DetectorId);
        inputs[InputNames.IncidentId] = incidentId is null ? JValue.CreateNull() : JToken.FromObject(incidentId);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeError(message);
        GuardDuty.State.Calls.Total.Should().Be(before);
    }

    [Test]
    public async Task A_missing_detector_is_refused_by_name()
    {
        var replies = await CallAsync(Function, Inputs(SeedFindingId, null, 5));

        replies.ShouldBeError("missing required input 'aws_gd_detector_id'");
    }

    private static JObject Inputs(string findingId, string? detectorId, long incidentId)
    {
        var inputs = FindingInputs(findingId, detectorId);
        inputs[InputNames.IncidentId] = incidentId;
        return inputs;
    }

    private async Task<long> NewIncidentAsync()
    {
        var incident = await SoarClient.Incidents.CreateAsync(new JObject
        {
            ["name"] = "AWS GuardDuty: refresh test",
            ["discovered_date"] = 1712814436625L,
            ["severity_code"] = "Low",
            ["properties"] = new JObject
            {
                ["aws_guardduty_finding_id"] = SeedFindingId,
                ["aws_guardduty_detector_id"] = Detector.DetectorId,
                ["aws_guardduty_region"] = Region,
            },
        });
        return incident["id"]!.Value<long>();
    }

    /// <summary>Each table of the incident in SOAR holds exactly the given rows (cell texts by column), in order.</summary>
    private async Task IncidentShouldHoldExactlyAsync(long incidentId, JObject dataTables)
    {
        foreach (var table in DataTables.All)
        {
            var expected = (dataTables[table.Name] as JArray ?? [])
                .Select(r => CellTexts(((JObject)r["cells"]!).Properties()))
                .ToList();
            var rows = await SoarClient.DataTables.ListRowsAsync(incidentId, table.Name);
            var actual = rows.Select(r => CellTexts(((JObject)r["cells"]!).Properties())).ToList();
            actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), $"{table.Name} holds the refreshed rows and nothing else");
        }
    }

    // SoarClient parses responses with Newtonsoft's defaults, which read ISO texts as dates; the expected texts go
    // through the same parse so both sides compare alike.
    private static Dictionary<string, string> CellTexts(IEnumerable<JProperty> cells) => cells
        .Where(c => c.Value["value"] is { Type: not JTokenType.Null })
        .ToDictionary(c => c.Name, c => AsSoarClientReadsIt(c.Value["value"]!));

    private static string AsSoarClientReadsIt(JToken value) =>
        JToken.Parse(value.ToString(Formatting.None)).ToString(Formatting.None);

    /// <summary>The artifact of sample 02 that the incident lacks once it has the IP address and the access key (the vector's third).</summary>
    private static readonly JArray NewArtifacts = (JArray)Reply.Json("""
        [{"type":{"name":"aws_iam_user_name"},
          "description":{"format":"text","content":"'AWS IAM User Name' extracted from GuardDuty from finding property 'UserName' at path '['Resource', 'AccessKeyDetails']'."},
          "value":"dummy"}]
        """);

    /// <summary>Sample 02's expected tables with the fixed clock's time and this fixture's account.</summary>
    private static JObject ExpectedTables()
    {
        var tables = (JObject)VectorFiles.Expected(VectorFiles.Discovery)["data_tables"]!;
        foreach (var value in tables.Descendants().OfType<JValue>().ToList())
        {
            if ((value.Value as string) == "<query_execution_date>")
                value.Value = "2024-04-11 14:08:54";
            else if ((value.Value as string) == "xxxxyyyyzzzz" && value.Parent?.Parent?.Parent is JProperty { Name: "account_id" })
                value.Value = Account;
        }

        // extensions.md §A: the two attack-sequence tables follow the six, empty for a finding without a sequence.
        tables.Add(DataTables.SequenceSignals.Name, new JArray());
        tables.Add(DataTables.SequenceIndicators.Name, new JArray());
        return tables;
    }

    /// <summary>
    /// §4.3's content for sample 02 refreshed at the fixed clock's time: the finding as seeded, the vector's payload in
    /// this account and detector with <paramref name="newArtifacts"/> and no comments, the vector's tables, the new
    /// artifacts again at the top level, and <c>tables_replaced</c>.
    /// </summary>
    private JObject ExpectedRefreshContent(JArray newArtifacts)
    {
        var payload = (JObject)VectorFiles.Expected(VectorFiles.Discovery)["payload"]!;
        var properties = (JObject)payload["properties"]!;
        properties["aws_guardduty_finding_arn"] = SeededArn;
        properties["aws_guardduty_detector_id"] = Detector.DetectorId;
        properties["aws_guardduty_region"] = Region;
        properties["aws_guardduty_account_id"] = Account; // extensions.md §A: every incident names its account
        payload["discovered_date"] = 1712814436625L; // guardduty-app.md §9: discovered_date goes to SOAR as epoch ms (2024-04-11T05:47:16.625Z)
        payload["artifacts"] = newArtifacts.DeepClone();
        payload["comments"] = new JArray();
        return new JObject
        {
            ["timestamp"] = "2024-04-11 14:08:54",
            ["finding"] = SeededSample(),
            ["region"] = Region,
            ["payload"] = payload,
            ["data_tables"] = ExpectedTables(),
            ["artifacts"] = newArtifacts.DeepClone(),
            [RefreshFindingFunction.TablesReplacedKey] = true,
        };
    }

    private static void JsonShouldEqualIgnoringOrder(JToken actual, string expectedJson)
    {
        var expected = (JArray)Reply.Json(expectedJson);
        actual.Should().BeOfType<JArray>().Which.Should().HaveCount(expected.Count);
        foreach (var item in expected)
            actual.Any(a => JToken.DeepEquals(a, item)).Should().BeTrue($"{item.ToString(Formatting.None)} is in {actual.ToString(Formatting.None)}");
    }
}
