using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>
/// The mapper reproduces data/expected for data/samples, payload and tables, key order included. The
/// expected files are the reference's output; each deliberate difference is applied to them here by a named
/// adjustment, next to the value it changes.
/// </summary>
public class FindingMapperVectorTests
{
    private static readonly FindingMapper Mapper = new(FixedTimeProvider.Default);

    // Adjustment "DiscoveredDateIsEpochMs" (guardduty-app.md §8 #21, §9): the reference sends CreatedAt as ISO
    // text; SOAR takes epoch milliseconds, so discovered_date is CreatedAt in epoch ms.
    [TestCase(VectorFiles.Recon, "us-east-1", 1590531708385L, "111122223333")]          // 2020-05-26T22:21:48.385Z
    [TestCase(VectorFiles.Discovery, "us-east-1", 1712814436625L, "xxxxyyyyzzzz")]      // 2024-04-11T05:47:16.625Z
    [TestCase(VectorFiles.S3WithInstance, "us-west-2", 1606311997960L, "xxxxyyyyzzzz")] // 2020-11-25T13:46:37.960Z
    [TestCase(VectorFiles.PortProbe, "us-east-2", 1628502147930L, "id")]                // 2021-08-09T09:42:27.930Z
    public void Reproduces_the_expected_payload_and_tables(string vector, string region, long discoveredEpochMs, string accountId)
    {
        var sample = VectorFiles.Sample(vector);
        var expected = VectorFiles.Expected(vector);
        var mapped = Mapper.Map(sample, region);

        FillQueryExecutionDate(expected, FixedTimeProvider.DefaultTimestamp);
        AddExtensions(expected, accountId);
        var payload = (JObject)expected["payload"]!;
        payload["discovered_date"]!.Value<string>().Should().Be(sample["CreatedAt"]!.Value<string>());
        payload["discovered_date"] = discoveredEpochMs; // DiscoveredDateIsEpochMs

        // Adjustment "NoteIsIndentedJson" (§3.5, §8 #16): the reference writes a Python repr of the finding;
        // the note is the same heading followed by the finding as indented JSON.
        var note = payload["comments"]![0]!["text"]!["content"]!;
        note.Value<string>().Should().Be("AWS GuardDuty finding Payload:\n<pretty-printed finding>");
        ((JValue)note).Value = NoteText.CreationHeading + sample.ToString(Formatting.Indented);

        if (vector == VectorFiles.PortProbe)
        {
            // Adjustment "PortProbeRowCarriesItsAddressesAndPort" (§3.6, §8 #13): the reference leaves local_ip,
            // remote_ip and local_port empty for PORT_PROBE; the row carries its probe detail's values.
            var cells = (JObject)expected["data_tables"]!["gd_action_details"]![0]!["cells"]!;
            cells.Add("local_ip", Cell("10.0.0.23"));
            cells.Add("remote_ip", Cell("198.51.100.0"));
            cells.Add("local_port", Cell("22"));
        }

        mapped.ToIncidentPayloadJson().ToString(Formatting.Indented)
            .Should().Be(payload.ToString(Formatting.Indented));
        mapped.ToDataTablesJson().ToString(Formatting.Indented)
            .Should().Be(expected["data_tables"]!.ToString(Formatting.Indented));
    }

    [TestCase(VectorFiles.Recon, "us-east-1")]
    [TestCase(VectorFiles.Discovery, "us-east-1")]
    [TestCase(VectorFiles.S3WithInstance, "us-west-2")]
    [TestCase(VectorFiles.PortProbe, "us-east-2")]
    public void The_note_is_the_finding_as_json_that_parses_back_to_the_sample(string vector, string region)
    {
        var sample = VectorFiles.Sample(vector);

        var note = Mapper.Map(sample, region).Note;

        note.IsTruncated.Should().BeFalse();
        note.Content.Should().StartWith(NoteText.CreationHeading);
        var json = VectorFiles.Parse(note.Content[NoteText.CreationHeading.Length..]);
        JToken.DeepEquals(json, sample).Should().BeTrue();
    }

    [Test]
    public void Refresh_content_matches_the_seed_documents_example_key_for_key()
    {
        // The seed's refresh example is sample 02 at 2024-04-11 14:08:54, with every artifact already on the incident.
        var sample = VectorFiles.Sample(VectorFiles.Discovery);
        var existing = new[]
        {
            new ExistingArtifact("AWS IAM Access Key ID", "xxxxyyyy"),
            new ExistingArtifact("AWS IAM User Name", "dummy"),
            new ExistingArtifact("IP Address", "129.41.56.2"),
        };

        var content = Mapper.MapForRefresh(sample, "us-east-1", existing).ToRefreshContentJson();

        content.Properties().Select(p => p.Name).Should().Equal(
            "timestamp", "finding", "region", "payload", "data_tables", "artifacts");
        content["timestamp"]!.Value<string>().Should().Be("2024-04-11 14:08:54");
        content["region"]!.Value<string>().Should().Be("us-east-1");
        JToken.DeepEquals(content["finding"], sample).Should().BeTrue();
        content["artifacts"].Should().BeOfType<JArray>().Which.Should().BeEmpty();

        var payload = (JObject)content["payload"]!;
        payload.Properties().Select(p => p.Name).Should().Equal(
            "name", "description", "discovered_date", "severity_code", "properties", "artifacts", "comments");
        payload["artifacts"].Should().BeOfType<JArray>().Which.Should().BeEmpty();
        payload["comments"].Should().BeOfType<JArray>().Which.Should().BeEmpty();

        // Seed: every table cell for cell, with the seed's query_execution_date.
        var expected = VectorFiles.Expected(VectorFiles.Discovery);
        FillQueryExecutionDate(expected, "2024-04-11 14:08:54");
        AddExtensions(expected, "xxxxyyyyzzzz");
        content["data_tables"]!.ToString(Formatting.Indented).Should().Be(expected["data_tables"]!.ToString(Formatting.Indented));
        payload["properties"]!.ToString(Formatting.Indented).Should().Be(expected["payload"]!["properties"]!.ToString(Formatting.Indented));
    }

    private static JObject Cell(string value) => new(new JProperty("value", value));

    // Adjustment "ExtensionsSectionA" (extensions.md §A): every incident gets aws_guardduty_account_id (the finding's
    // AccountId, after the reference's ten properties), and the two attack-sequence tables follow the six, empty for a
    // finding without Service.Detection.Sequence.
    private static void AddExtensions(JObject expected, string accountId)
    {
        ((JObject)expected["payload"]!["properties"]!).Add("aws_guardduty_account_id", accountId);
        var tables = (JObject)expected["data_tables"]!;
        tables.Add("gd_sequence_signals", new JArray());
        tables.Add("gd_sequence_indicators", new JArray());
    }

    private static void FillQueryExecutionDate(JObject expected, string timestamp)
    {
        foreach (var value in expected.Descendants().OfType<JValue>().Where(v => (v.Value as string) == "<query_execution_date>").ToList())
            value.Value = timestamp;
    }
}
