using Fn.AwsGuardDuty.Soar;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

public class SoarCloseContractTests : SoarEmulatorFixture
{
    private const string PatchTemplate = "/rest/orgs/{org}/incidents/{id}";

    private static Dictionary<string, JToken?> Template() => new()
    {
        ["resolution_id"] = "Resolved",
        ["resolution_summary"] = "Resolved by the AWS GuardDuty poller because the finding was archived.",
    };

    [Test]
    public async Task Close_with_a_template_adds_plan_status_and_closes()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("close-1")))["id"]!.ToObject<long>();
        var template = Template();
        template["properties.aws_guardduty_archived"] = "True";

        var result = await client.Incidents.CloseAsync(id, template);

        result.Changed.Should().BeTrue();
        result.AppliedChanges.Select(c => c.Field).Should().Contain("plan_status");
        var stored = Emulator.State.DefaultOrg.GetIncident(id)!;
        stored.IsClosed.Should().BeTrue();
        stored.ResolutionId.Should().Be("Resolved");
        stored.Properties["aws_guardduty_archived"].Should().Be("True");
        (await client.Incidents.CloseAsync(id, Template())).Changed.Should().BeFalse("closing a closed incident changes nothing");
    }

    [Test]
    public async Task An_incident_someone_else_closed_keeps_their_close()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("close-other")))["id"]!.ToObject<long>();
        await client.Incidents.CloseAsync(id, new Dictionary<string, JToken?>
        {
            ["resolution_id"] = "Not an Issue",
            ["resolution_summary"] = "Marked as a false positive by an analyst.",
        });
        var patches = CallsTo("PATCH", PatchTemplate);
        var template = Template();
        template["properties.aws_guardduty_archived"] = "True";

        var result = await client.Incidents.CloseAsync(id, template);

        result.Changed.Should().BeFalse("the poller's close must not overwrite an analyst's (or a playbook's) close");
        CallsTo("PATCH", PatchTemplate).Should().Be(patches, "nothing is sent for an incident already closed");
        var stored = Emulator.State.DefaultOrg.GetIncident(id)!;
        stored.ResolutionId.Should().Be("Not an Issue");
        stored.Properties["aws_guardduty_archived"].Should().BeNull();
    }

    [Test]
    public async Task A_template_missing_a_required_field_fails_before_any_patch()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("close-2")))["id"]!.ToObject<long>();
        var before = CallsTo("PATCH", PatchTemplate);

        var act = () => client.Incidents.CloseAsync(id, new Dictionary<string, JToken?> { ["resolution_id"] = "Resolved" });

        var error = (await act.Should().ThrowAsync<SoarRequiredFieldsException>()).Which;
        error.FromServer.Should().BeFalse();
        error.Fields.Should().Equal("resolution_summary");
        error.Message.Should().Contain("resolution_summary");
        CallsTo("PATCH", PatchTemplate).Should().Be(before);
        Emulator.State.DefaultOrg.GetIncident(id)!.IsClosed.Should().BeFalse();
    }

    [Test]
    public async Task SOAR_refusing_the_close_names_the_required_fields()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("close-3")))["id"]!.ToObject<long>();
        var template = Template();
        template["resolution_summary"] = null;

        var act = () => client.Incidents.CloseAsync(id, template);

        var error = (await act.Should().ThrowAsync<SoarRequiredFieldsException>()).Which;
        error.FromServer.Should().BeTrue();
        error.Fields.Should().Contain("resolution_summary");
        Emulator.State.DefaultOrg.GetIncident(id)!.IsClosed.Should().BeFalse();
    }

    [Test]
    public async Task The_incident_type_is_read_once_for_many_closes()
    {
        using var client = Client();
        var before = CallsTo("GET", "/rest/orgs/{org}/types/{type}");

        for (var i = 0; i < 3; i++)
        {
            var id = (await client.Incidents.CreateAsync(NewIncident($"close-many-{i}")))["id"]!.ToObject<long>();
            await client.Incidents.CloseAsync(id, Template());
        }

        (CallsTo("GET", "/rest/orgs/{org}/types/{type}") - before).Should().Be(1);
        (await client.Types.GetFieldsRequiredOnCloseAsync()).Select(f => f.Name).Should().BeEquivalentTo(["resolution_id", "resolution_summary"]);
    }
}
