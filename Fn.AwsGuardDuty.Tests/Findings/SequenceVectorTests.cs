using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>
/// Attack-sequence findings against expected files written by hand from the GuardDuty model and extensions.md §A:
/// every column of both sequence tables, the account field and the artifacts (de-duplicated by type and value).
/// The wire vector also goes through the wire→boto3 conversion the client applies.
/// </summary>
public class SequenceVectorTests
{
    private static readonly FindingMapper Mapper = new(FixedTimeProvider.Default);

    private static readonly string[] SignalColumns =
    [
        "signal_uid", "signal_name", "signal_type", "signal_description", "severity", "count", "first_seen", "last_seen",
        "resource_uids", "actor_ids", "endpoint_ids", "incident_id", "query_execution_date",
    ];

    private static readonly string[] IndicatorColumns = ["indicator_key", "indicator_title", "indicator_values", "query_execution_date"];

    private static MappedFinding MapVector(string vector, string region)
    {
        var sample = VectorFiles.Sample(vector);
        var finding = sample["Id"] is null ? new FindingConverter().ToBoto(sample) : sample;
        return Mapper.Map(finding, region);
    }

    [TestCase(VectorFiles.IamSequenceWire, "us-east-1")]
    [TestCase(VectorFiles.S3SequenceBoto, "eu-west-1")]
    public void Signals_table_has_one_row_per_signal_with_every_contract_column(string vector, string region)
    {
        var expected = VectorFiles.Expected(vector);
        var rows = MapVector(vector, region).Rows(DataTables.SequenceSignals.Name);

        AssertRows(rows, (JArray)expected["gd_sequence_signals"]!, SignalColumns);
    }

    [TestCase(VectorFiles.IamSequenceWire, "us-east-1")]
    [TestCase(VectorFiles.S3SequenceBoto, "eu-west-1")]
    public void Indicators_table_has_one_row_per_sequence_indicator_with_every_contract_column(string vector, string region)
    {
        var expected = VectorFiles.Expected(vector);
        var rows = MapVector(vector, region).Rows(DataTables.SequenceIndicators.Name);

        AssertRows(rows, (JArray)expected["gd_sequence_indicators"]!, IndicatorColumns);
    }

    [TestCase(VectorFiles.IamSequenceWire, "us-east-1")]
    [TestCase(VectorFiles.S3SequenceBoto, "eu-west-1")]
    public void Account_severity_and_properties_are_mapped(string vector, string region)
    {
        var expected = VectorFiles.Expected(vector);
        var mapped = MapVector(vector, region);

        mapped.Payload.SeverityCode.Should().Be(expected["severity_code"]!.Value<string>());
        foreach (var (name, value) in (JObject)expected["properties"]!)
            mapped.Payload.Properties[name].Should().Be(value!.Value<string>(), name);
        mapped.ToIncidentPayloadJson()["properties"]![IncidentFields.AccountId]!.Value<string>()
            .Should().Be(expected["properties"]![IncidentFields.AccountId]!.Value<string>());
    }

    [TestCase(VectorFiles.IamSequenceWire, "us-east-1")]
    [TestCase(VectorFiles.S3SequenceBoto, "eu-west-1")]
    public void Artifacts_include_endpoints_and_actors_once_per_type_and_value(string vector, string region)
    {
        var expected = ((JArray)VectorFiles.Expected(vector)["artifacts"]!)
            .Select(a => (a[0]!.Value<string>()!, a[1]!.Value<string>()!)).ToList();

        var artifacts = MapVector(vector, region).Artifacts.Select(a => (a.Type, a.Value)).ToList();

        artifacts.Should().OnlyHaveUniqueItems();
        artifacts.Should().BeEquivalentTo(expected);
    }

    [Test]
    public void The_wire_form_and_the_boto3_form_of_a_sequence_map_alike()
    {
        var wire = VectorFiles.Sample(VectorFiles.IamSequenceWire);
        var boto = new FindingConverter().ToBoto(wire);

        // The conversion names the members as boto3 does, including the one that is not simply capitalised.
        boto["Service"]!["Detection"]!["Sequence"]!["Actors"]![0]!["User"]!["Account"]!["Name"]!.Value<string>()
            .Should().Be("payments-prod");
        boto["Service"]!["Detection"]!["Sequence"]!["Signals"]![0]!["FirstSeenAt"]!.Value<string>()
            .Should().Be("2024-11-19T17:48:12.000Z");

        var fromBoto = Mapper.Map(boto, "us-east-1").ToDataTablesJson();
        var fromDirect = Mapper.Map(new FindingConverter(TimestampFormat.EpochSeconds).ToBoto(wire), "us-east-1").ToDataTablesJson();
        var fromReferenceText = Mapper.Map(new FindingConverter(TimestampFormat.ReferenceText).ToBoto(wire), "us-east-1").ToDataTablesJson();
        JToken.DeepEquals(fromDirect, fromBoto).Should().BeTrue();
        // "yyyy-MM-dd HH:mm:ss" drops the milliseconds; everything else is the same.
        fromReferenceText[DataTables.SequenceSignals.Name]![0]!["cells"]!["last_seen"]!["value"]!.Value<string>()
            .Should().Be("2024-11-19T17:55:40.000Z");
    }

    [Test]
    public void Signal_timestamps_parsed_as_dates_keep_their_milliseconds_and_the_callers_finding_is_not_changed()
    {
        var text = File.ReadAllText(Path.Combine(VectorFiles.Directory, VectorFiles.S3SequenceBoto + ".json"));
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.DateTimeOffset };
        var sniffed = JObject.Load(reader);
        var before = sniffed.ToString();

        var rows = Mapper.Map(sniffed, "eu-west-1").Rows(DataTables.SequenceSignals.Name);

        rows[1][DataTables.SequenceSignals.FirstSeen].Should().Be("2024-11-20T01:45:30.500Z");
        rows[0][DataTables.SequenceSignals.LastSeen].Should().Be("2024-11-20T01:40:00.000Z");
        sniffed.ToString().Should().Be(before);
    }

    [Test]
    public void A_finding_without_a_sequence_leaves_both_tables_empty_and_still_has_its_account()
    {
        var mapped = TestFindings.Map(TestFindings.With("""{ "Service": { "Detection": { "Anomaly": { "Profiles": {} } } } }"""));

        mapped.Rows(DataTables.SequenceSignals.Name).Should().BeEmpty();
        mapped.Rows(DataTables.SequenceIndicators.Name).Should().BeEmpty();
        mapped.Payload.Properties[IncidentFields.AccountId].Should().Be("123456789012");
        mapped.Artifacts.Should().NotContain(a => a.Type == ArtifactTypes.UserAccount);
    }

    [Test]
    public void Only_the_users_name_of_an_actor_is_a_user_account()
    {
        var mapped = TestFindings.Map(TestFindings.With("""
            { "Service": { "Detection": { "Sequence": { "Uid": "s", "Description": "d", "Signals": [],
              "Actors": [ { "Id": "a", "User": { "Name": "alice", "Uid": "u", "Type": "IAMUser", "Account": { "Uid": "1", "Name": "acct-name" } },
                            "Process": { "Name": "curl", "Path": "/usr/bin/curl" } } ] } } } }
            """));

        mapped.Artifacts.Where(a => a.Type == ArtifactTypes.UserAccount).Select(a => a.Value).Should().Equal("alice");
        mapped.Artifacts.Single(a => a.Type == ArtifactTypes.UserAccount).Description.Should().Be(
            "'User Account' extracted from GuardDuty from finding property 'Name' at path " +
            "'['Service', 'Detection', 'Sequence', 'Actors', 0, 'User']'.");
    }

    [Test]
    public void A_refresh_leaves_out_actor_accounts_the_incident_already_has_as_user_accounts_only()
    {
        var sample = VectorFiles.Sample(VectorFiles.S3SequenceBoto);

        var mapped = Mapper.MapForRefresh(sample, "eu-west-1",
            [new ExistingArtifact("User Account", "mallory"), new ExistingArtifact("aws_iam_user_name", "etl-runner")]);

        var accounts = mapped.Artifacts.Where(a => a.Value is "mallory" or "etl-runner").Select(a => (a.Type, a.Value));
        accounts.Should().BeEquivalentTo(new[] { (ArtifactTypes.UserName, "mallory"), (ArtifactTypes.UserAccount, "etl-runner") });
    }

    private static void AssertRows(IReadOnlyList<DataTableRow> rows, JArray expected, string[] columns)
    {
        rows.Should().HaveCount(expected.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var want = (JObject)expected[i];
            want.Properties().Select(p => p.Name).Should().BeEquivalentTo(columns, "the expected file checks every contract column");
            foreach (var column in columns)
            {
                var value = want[column]!.Value<string?>();
                if (value == "<query_execution_date>")
                    value = FixedTimeProvider.DefaultTimestamp;
                rows[i][column].Should().Be(value, $"row {i}, column {column}");
            }
            rows[i].Cells.Select(c => c.Key).Should().BeSubsetOf(columns).And.OnlyHaveUniqueItems();
        }
    }
}
