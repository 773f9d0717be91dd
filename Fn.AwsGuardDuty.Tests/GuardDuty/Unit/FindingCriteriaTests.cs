using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class FindingCriteriaTests
{
    [Test]
    public void Builds_the_poller_criteria_with_current_operators_and_64_bit_epoch_ms()
    {
        var since = DateTimeOffset.Parse("2023-11-14T22:13:20Z");
        var json = new FindingCriteria()
            .Archived(false)
            .GreaterThanOrEqual("severity", 7)
            .GreaterThanOrEqual("updatedAt", since)
            .ToJson();

        JToken.DeepEquals(json, JObject.Parse("""
            {"criterion":{
              "service.archived":{"equals":["false"]},
              "severity":{"greaterThanOrEqual":7},
              "updatedAt":{"greaterThanOrEqual":1700000000000}}}
            """)).Should().BeTrue(json.ToString());
        json["criterion"]!["updatedAt"]!["greaterThanOrEqual"]!.Type.Should().Be(JTokenType.Integer);
        ((long)json["criterion"]!["updatedAt"]!["greaterThanOrEqual"]!).Should().BeGreaterThan(int.MaxValue);
    }

    [Test]
    public void Combines_operators_on_one_field_and_merges_equal_values()
    {
        var json = new FindingCriteria()
            .Equal("type", "A", "B")
            .Equal("type", "B", "C")
            .NotEqual("region", "us-east-1")
            .GreaterThan("severity", 2).LessThan("severity", 9)
            .LessThanOrEqual("createdAt", 5)
            .ToJson();

        json["criterion"]!["type"]!["equals"]!.Values<string>().Should().Equal("A", "B", "C");
        json["criterion"]!["region"]!["notEquals"]!.Values<string>().Should().Equal("us-east-1");
        json["criterion"]!["severity"]!["greaterThan"]!.Value<long>().Should().Be(2);
        json["criterion"]!["severity"]!["lessThan"]!.Value<long>().Should().Be(9);
        json["criterion"]!["createdAt"]!["lessThanOrEqual"]!.Value<long>().Should().Be(5);
    }

    [Test]
    public void Rejects_more_than_50_values_and_empty_input()
    {
        var criteria = new FindingCriteria();
        var act = () => criteria.Equal("id", Enumerable.Range(0, 51).Select(i => $"id{i}"));
        act.Should().Throw<ArgumentException>().WithMessage("*at most 50*");
        new Action(() => new FindingCriteria().Equal("id")).Should().Throw<ArgumentException>();
        new Action(() => new FindingCriteria().GreaterThan(" ", 1)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Parses_function_input_and_translates_deprecated_operators()
    {
        var parsed = FindingCriteria.Parse(JObject.Parse("""
            {"criterion":{"severity":{"gte":4},"service.archived":{"eq":[false]},"updatedAt":{"gt":"1700000000000"},"type":{"neq":"X"}}}
            """));
        JToken.DeepEquals(parsed.ToJson(), JObject.Parse("""
            {"criterion":{"severity":{"greaterThanOrEqual":4},"service.archived":{"equals":["false"]},
                          "updatedAt":{"greaterThan":1700000000000},"type":{"notEquals":["X"]}}}
            """)).Should().BeTrue(parsed.ToString());

        var bare = FindingCriteria.Parse(JObject.Parse("""{"id":{"equals":["a","b"]}}"""));
        bare.Fields.Should().Equal("id");
    }

    [TestCase("""{"type":{"matches":["x*"]}}""", "*matches*")]
    [TestCase("""{"severity":{"greaterThan":"high"}}""", "*whole number*")]
    [TestCase("""{"severity":5}""", "*object of operators*")]
    [TestCase("""[1]""", "*JSON object*")]
    public void Rejects_bad_criteria_with_a_clear_message(string json, string message)
    {
        var act = () => FindingCriteria.Parse(JToken.Parse(json));
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Test]
    public void Sort_criteria_uses_the_wire_spelling()
    {
        JToken.DeepEquals(new SortCriteria("severity", SortOrder.Descending).ToJson(),
            JObject.Parse("""{"attributeName":"severity","orderBy":"DESC"}""")).Should().BeTrue();
        SortCriteria.UpdatedAtAscending.ToJson()["orderBy"]!.Value<string>().Should().Be("ASC");
    }
}
