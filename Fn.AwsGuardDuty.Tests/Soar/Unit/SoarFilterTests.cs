using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class SoarFilterTests
{
    [Test]
    public void Each_builder_writes_the_wire_condition()
    {
        Json(SoarFilter.Equal("plan_status", "A")).Should().Be("""{"field_name":"plan_status","method":"equals","value":"A"}""");
        Json(SoarFilter.NotEqual(SoarFilter.Property("aws_guardduty_region"), "us-east-1"))
            .Should().Be("""{"field_name":"properties.aws_guardduty_region","method":"not_equals","value":"us-east-1"}""");
        Json(SoarFilter.In("severity_code", "Low", "High")).Should().Be("""{"field_name":"severity_code","method":"in","value":["Low","High"]}""");
        Json(SoarFilter.HasAValue("properties.aws_guardduty_finding_id")).Should().Be("""{"field_name":"properties.aws_guardduty_finding_id","method":"has_a_value"}""");
        Json(SoarFilter.DoesNotHaveAValue("resolution_id")).Should().Be("""{"field_name":"resolution_id","method":"does_not_have_a_value"}""");
        Json(SoarFilter.PlanStatus(IncidentPlanStatus.Active)).Should().Be("""{"field_name":"plan_status","method":"equals","value":"A"}""");
        Json(SoarFilter.PlanStatus(IncidentPlanStatus.Closed)).Should().Be("""{"field_name":"plan_status","method":"equals","value":"C"}""");
        Json(SoarFilter.GreaterOrEqual("create_date", 1700000000000L)).Should().Be("""{"field_name":"create_date","method":"gte","value":1700000000000}""");
    }

    [Test]
    public void Query_request_matches_the_poller_lookup_shape()
    {
        var query = QueryRequest.Where(
                SoarFilter.PlanStatus(IncidentPlanStatus.Active),
                SoarFilter.Equal(SoarFilter.Property("aws_guardduty_finding_id"), "f1"))
            .OrderBy("create_date", descending: true);

        query.ToJson(0, 50).ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"filters":[{"conditions":[{"field_name":"plan_status","method":"equals","value":"A"},{"field_name":"properties.aws_guardduty_finding_id","method":"equals","value":"f1"}],"logic_type":"ALL"}],"sorts":[{"field_name":"create_date","type":"desc"}],"start":0,"length":50}""");
        new QueryRequest().ToJson().ToString(Newtonsoft.Json.Formatting.None).Should().Be("""{"filters":[]}""");
        SoarFilter.Any(SoarFilter.HasAValue("a")).ToJson()["logic_type"]!.Value<string>().Should().Be("ANY");
    }

    [Test]
    public void Bad_conditions_are_refused_with_a_reason()
    {
        FluentActions.Invoking(() => SoarFilter.Equal("", "x")).Should().Throw<ArgumentException>().WithMessage("*field name*");
        FluentActions.Invoking(() => SoarFilter.Equal("a", JValue.CreateNull())).Should().Throw<ArgumentException>().WithMessage("*HasAValue*");
        FluentActions.Invoking(() => SoarFilter.In("a", Array.Empty<string>())).Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    private static string Json(QueryCondition condition) => condition.ToJson().ToString(Newtonsoft.Json.Formatting.None);
}
