using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>sortCriteria on ListFindings and GetFindings.</summary>
public class SortTests : CriteriaFixture
{
    [Test]
    public async Task Severity_descending_and_ascending()
    {
        (await List(null, Sort("severity", "DESC"))).Should().Equal("f6", "f4", "f3", "f5", "f2", "f1");
        (await List(null, Sort("severity", "ASC"))).Should().Equal("f1", "f2", "f5", "f3", "f4", "f6");
    }

    [Test]
    public async Task UpdatedAt_sorts_by_time_and_type_sorts_as_text()
    {
        (await List(null, Sort("updatedAt", "DESC"))).Should().Equal("f6", "f5", "f4", "f3", "f2", "f1");
        (await List(null, Sort("type", "ASC"))).Should().Equal("f6", "f4", "f3", "f5", "f1", "f2");
    }

    [Test]
    public async Task Default_order_is_createdAt_ascending_and_orderBy_defaults_to_ascending()
    {
        (await List(null)).Should().Equal("f1", "f2", "f3", "f4", "f5", "f6");
        (await List(null, new JObject { ["attributeName"] = "severity" })).Should().Equal("f1", "f2", "f5", "f3", "f4", "f6");
    }

    [Test]
    public async Task Any_finding_path_sorts_and_missing_values_come_first()
    {
        var ascending = await List(null, Sort("resource.instanceDetails.instanceState", "ASC"));

        ascending.Should().Equal("f4", "f5", "f6", "f1", "f2", "f3");
    }

    [Test]
    public async Task Invalid_sort_criteria_are_rejected()
    {
        var badOrder = await Client("eu-west-1").PostAsync(FindingsPath(Detector), new JObject { ["sortCriteria"] = Sort("severity", "UP") });
        var badPath = await Client("eu-west-1").PostAsync(FindingsPath(Detector), new JObject { ["sortCriteria"] = Sort("severity..x", "ASC") });

        badOrder.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        badPath.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task GetFindings_keeps_request_order_or_applies_the_sort()
    {
        var path = FindingsPath(Detector, "/get");
        var asked = new JArray("f2", "f6", "unknown", "f1");

        var plain = await Client("eu-west-1").PostAsync(path, new JObject { ["findingIds"] = asked });
        var sorted = await Client("eu-west-1").PostAsync(path, new JObject { ["findingIds"] = asked, ["sortCriteria"] = Sort("severity", "DESC") });

        plain.ShouldBeOk()["findings"]!.Select(f => (string)f["id"]!).Should().Equal("f2", "f6", "f1");
        sorted.ShouldBeOk()["findings"]!.Select(f => (string)f["id"]!).Should().Equal("f6", "f2", "f1");
    }

    private static JObject Sort(string attribute, string order) => new() { ["attributeName"] = attribute, ["orderBy"] = order };
}
