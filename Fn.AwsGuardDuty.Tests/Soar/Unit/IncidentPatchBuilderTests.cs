using Fn.AwsGuardDuty.Soar.Patching;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class IncidentPatchBuilderTests
{
    private static JObject Incident() => JObject.Parse("""
        {"id": 7, "vers": 3, "name": "x", "plan_status": "A", "resolution_id": null, "severity_code": "Low",
         "properties": {"aws_guardduty_archived": "False", "aws_guardduty_count": 1}}
        """);

    [Test]
    public void Builds_changes_with_old_values_from_the_incident_and_its_version()
    {
        var patch = IncidentPatchBuilder.Build(Incident(), new Dictionary<string, JToken?>
        {
            ["plan_status"] = "C",
            ["resolution_id"] = "Resolved",
            ["properties.aws_guardduty_archived"] = "True",
            ["aws_guardduty_count"] = 2,
        });

        patch.Version.Should().Be(3);
        patch.ToJson().ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"changes":[{"field":"plan_status","old_value":{"object":"A"},"new_value":{"object":"C"}},"""
            + """{"field":"resolution_id","old_value":{"object":null},"new_value":{"object":"Resolved"}},"""
            + """{"field":"aws_guardduty_archived","old_value":{"object":"False"},"new_value":{"object":"True"}},"""
            + """{"field":"aws_guardduty_count","old_value":{"object":1},"new_value":{"object":2}}],"version":3}""");
    }

    [Test]
    public void Fields_that_already_hold_the_value_are_left_out()
    {
        var patch = IncidentPatchBuilder.Build(Incident(), new Dictionary<string, JToken?>
        {
            ["severity_code"] = "Low",
            ["properties.aws_guardduty_count"] = 1,
            ["resolution_id"] = null,
        });

        patch.IsEmpty.Should().BeTrue();
    }

    [Test]
    public void Unknown_fields_get_a_null_old_value_and_a_double_spelling_is_refused()
    {
        var patch = IncidentPatchBuilder.Build(Incident(), new Dictionary<string, JToken?> { ["properties.new_field"] = "v" });
        patch.Changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "new_field" });
        patch.Changes[0].OldValue!.Type.Should().Be(JTokenType.Null);

        FluentActions.Invoking(() => IncidentPatchBuilder.Build(Incident(), new Dictionary<string, JToken?>
            {
                ["aws_guardduty_count"] = 2,
                ["properties.aws_guardduty_count"] = 3,
            }))
            .Should().Throw<ArgumentException>().WithMessage("*aws_guardduty_count*twice*");
    }

    [Test]
    public void Intended_values_round_trip_from_a_patch()
    {
        var patch = new SoarPatch([new PatchChange("plan_status", "A", "C"), new PatchChange("resolution_summary", null, "done")], 4);
        patch.IntendedValues().Should().BeEquivalentTo(new Dictionary<string, JToken?> { ["plan_status"] = "C", ["resolution_summary"] = "done" },
            o => o.Using<JToken>(ctx => JToken.DeepEquals(ctx.Subject, ctx.Expectation).Should().BeTrue()).WhenTypeIs<JToken>());
    }
}
