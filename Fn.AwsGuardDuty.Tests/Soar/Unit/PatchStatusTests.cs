using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Patching;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class PatchStatusTests
{
    [Test]
    public void Parses_success_and_field_failures()
    {
        var status = PatchStatus.Parse(JObject.Parse("""
            {"success": false, "field_failures": [{"field": "plan_status", "your_original_value": "A", "actual_current_value": "C"}],
             "message": "Field conflicts", "title": null, "hints": []}
            """));

        status.Success.Should().BeFalse();
        status.IsConflict.Should().BeTrue();
        status.FieldFailures.Should().ContainSingle().Which.ToString().Should().Be("plan_status (expected \"A\", is \"C\")");
        PatchStatus.Parse(JObject.Parse("""{"success": true}""")).IsConflict.Should().BeFalse();
    }

    [Test]
    public void A_stale_version_message_counts_as_conflict_but_other_refusals_do_not()
    {
        PatchStatus.Parse(JObject.Parse("""{"success": false, "message": "The incident version 3 is stale"}""")).IsConflict.Should().BeTrue();
        PatchStatus.Parse(JObject.Parse("""{"success": false, "message": "Resolution is required"}""")).IsConflict.Should().BeFalse();
    }

    [Test]
    public void A_body_without_success_is_a_protocol_error()
    {
        FluentActions.Invoking(() => PatchStatus.Parse(JObject.Parse("""{"ok": true}"""))).Should().Throw<SoarProtocolException>().WithMessage("*success*");
        FluentActions.Invoking(() => PatchStatus.Parse(null)).Should().Throw<SoarProtocolException>();
    }
}
