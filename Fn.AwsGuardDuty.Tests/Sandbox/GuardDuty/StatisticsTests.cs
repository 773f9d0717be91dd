using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>GetFindingsStatistics over the six pinned findings of <see cref="CriteriaFixture"/>.</summary>
public class StatisticsTests : CriteriaFixture
{
    [Test]
    public async Task Count_by_severity_keys_are_severity_strings()
    {
        var stats = await Statistics(new JObject { ["findingStatisticTypes"] = new JArray("COUNT_BY_SEVERITY") });

        stats["countBySeverity"]!.ToObject<Dictionary<string, int>>().Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["2.0"] = 1, ["5.5"] = 1, ["7.0"] = 1, ["8.9"] = 1, ["9.0"] = 1, ["10.0"] = 1,
        });
    }

    [Test]
    public async Task Group_by_finding_type_orders_by_total_and_honours_maxResults()
    {
        var stats = await Statistics(new JObject { ["groupBy"] = "FINDING_TYPE", ["orderBy"] = "DESC", ["maxResults"] = 4 });

        var groups = (JArray)stats["groupedByFindingType"]!;
        groups.Should().HaveCount(4);
        groups.Select(g => (int)g["totalFindings"]!).Should().AllBeEquivalentTo(1);
        groups.All(g => g["lastGeneratedAt"]!.Type is JTokenType.Float or JTokenType.Integer).Should().BeTrue("model timestamps are epoch seconds");
    }

    [Test]
    public async Task Group_by_account_date_resource_and_severity()
    {
        var account = (JArray)(await Statistics(new JObject { ["groupBy"] = "ACCOUNT" }))["groupedByAccount"]!;
        var date = (JArray)(await Statistics(new JObject { ["groupBy"] = "DATE" }))["groupedByDate"]!;
        var resource = (JArray)(await Statistics(new JObject { ["groupBy"] = "RESOURCE", ["maxResults"] = 100 }))["groupedByResource"]!;
        var severity = (JArray)(await Statistics(new JObject { ["groupBy"] = "SEVERITY", ["orderBy"] = "ASC" }))["groupedBySeverity"]!;

        account.Should().ContainSingle().Which["totalFindings"]!.Value<int>().Should().Be(6);
        ((string)account[0]["accountId"]!).Should().Be(AccountA);
        date.Should().ContainSingle();
        ((decimal)date[0]["date"]!).Should().Be(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        ((double)date[0]["severity"]!).Should().Be(10.0);
        ((decimal)date[0]["lastGeneratedAt"]!).Should().Be(EpochMs(5) / 1000m);
        resource.Should().HaveCount(6);
        resource.Select(g => (string)g["resourceType"]!).Should().Contain(["Instance", "AccessKey", "S3Bucket", "EKSCluster"]);
        severity.Select(g => (double)g["severity"]!).Should().BeEquivalentTo([2.0, 5.5, 7.0, 8.9, 9.0, 10.0]);
    }

    [TestCase("{}")]
    [TestCase("{\"findingStatisticTypes\":[\"COUNT_BY_SEVERITY\"],\"groupBy\":\"ACCOUNT\"}")]
    [TestCase("{\"findingStatisticTypes\":[\"COUNT_BY_SEVERITY\"],\"orderBy\":\"ASC\"}")]
    [TestCase("{\"findingStatisticTypes\":[\"COUNT_BY_SEVERITY\"],\"maxResults\":5}")]
    [TestCase("{\"findingStatisticTypes\":[\"COUNT_BY_TYPE\"]}")]
    [TestCase("{\"groupBy\":\"REGION\"}")]
    [TestCase("{\"groupBy\":\"ACCOUNT\",\"orderBy\":\"UP\"}")]
    public async Task Invalid_statistics_requests_are_rejected(string body)
    {
        var response = await Client("eu-west-1").PostAsync(FindingsPath(Detector, "/statistics"), JObject.Parse(body));

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    private async Task<JObject> Statistics(JObject body) =>
        (JObject)(await Client("eu-west-1").PostAsync(FindingsPath(Detector, "/statistics"), body)).ShouldBeOk()["findingStatistics"]!;
}
