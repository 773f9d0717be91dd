using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>Small findings for unit tests: a minimal valid finding merged with the members a test cares about.</summary>
internal static class TestFindings
{
    public const string Region = "us-east-1";

    private const string MinimalJson = """
        {
          "AccountId": "123456789012",
          "Arn": "arn:aws:guardduty:us-east-1:123456789012:detector/det-1/finding/f-1",
          "CreatedAt": "2024-01-02T03:04:05.678Z",
          "Description": "A test finding.",
          "Id": "f-1",
          "Region": "us-east-1",
          "Resource": { "ResourceType": "Instance" },
          "SchemaVersion": "2.0",
          "Service": { "Archived": false, "Count": 1, "DetectorId": "det-1", "ServiceName": "guardduty" },
          "Severity": 5,
          "Title": "Test finding",
          "Type": "Test:EC2/Example",
          "UpdatedAt": "2024-01-02T04:05:06.789Z"
        }
        """;

    public static JObject Minimal() => VectorFiles.Parse(MinimalJson);

    /// <summary>The minimal finding with <paramref name="json"/> merged in (objects merged, arrays replaced).</summary>
    public static JObject With(string json)
    {
        var finding = Minimal();
        finding.Merge(VectorFiles.Parse(json), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        return finding;
    }

    public static FindingMapper Mapper(FindingMapperOptions? options = null) => new(FixedTimeProvider.Default, options);

    public static MappedFinding Map(JObject finding) => Mapper().Map(finding, Region);

    public static IReadOnlyList<DataTableRow> Rows(this MappedFinding mapped, string table) =>
        mapped.DataTables.Single(t => t.Table == table).Rows;
}
