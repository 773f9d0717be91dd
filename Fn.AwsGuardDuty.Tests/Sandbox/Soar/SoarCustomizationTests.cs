using System.Net;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

/// <summary>Imports, functions and destinations, on an emulator that starts with only the platform's objects.</summary>
public class SoarCustomizationTests : SoarEmulatorTestBase
{
    protected override SoarPreload Preload => SoarPreload.None;

    [Test, Order(1)]
    public async Task Before_the_import_the_app_objects_are_unknown()
    {
        (await Client.GetAsync(Org + "/functions/func_aws_guardduty_archive_finding?handle_format=names")).Status.Should().Be(HttpStatusCode.NotFound);
        var incident = Incident("early", "early");
        (await Client.PostAsync(Org + "/incidents", incident)).Status.Should().Be(HttpStatusCode.BadRequest, "its custom fields do not exist yet");
    }

    [Test, Order(2)]
    public async Task Import_then_accept_applies_everything_and_a_second_identical_import_reports_no_changes()
    {
        var (status, pending) = await Client.PostAsync(Org + "/configurations/imports", SoarGuardDutyCustomization.BuildExport());
        status.Should().Be(HttpStatusCode.OK, pending?.ToString());
        pending!["status"]!.Value<string>().Should().Be("PENDING");
        pending["changes"]!["no_changes"]!.Value<bool>().Should().BeFalse();
        pending["changes"]!["added"]!.Select(a => a["name"]!.Value<string>()).Should().Contain(["fn_aws_gd", "func_aws_guardduty_archive_finding", "gd_finding_overview", "aws_iam_access_key_id"]);
        (await Client.GetAsync(Org + "/functions/func_aws_guardduty_archive_finding")).Status.Should().Be(HttpStatusCode.NotFound, "nothing is applied while PENDING");

        pending["status"] = "ACCEPTED";
        var (acceptStatus, accepted) = await Client.PutAsync($"{Org}/configurations/imports/{pending["id"]}", pending);
        acceptStatus.Should().Be(HttpStatusCode.OK, accepted?.ToString());
        accepted!["status"]!.Value<string>().Should().Be("ACCEPTED");

        var (_, function) = await Client.GetAsync(Org + "/functions/func_aws_guardduty_archive_finding?handle_format=names");
        function!["destination_handle"]!.Value<string>().Should().Be("fn_aws_gd");
        var (_, byId) = await Client.GetAsync(Org + "/functions/func_aws_guardduty_archive_finding");
        byId!["destination_handle"]!.Type.Should().Be(JTokenType.Integer);
        Emulator.State.DefaultOrg.ReadSchema(s => s.Playbooks.Keys.ToList()).Should().Contain(SoarGuardDutyCustomization.ArchivePlaybook);
        Emulator.State.DefaultOrg.ReadSchema(s => s.Playbooks[SoarGuardDutyCustomization.ArchivePlaybook].Conditions[0].Method).Should().Be("changed_to");
        (await Client.GetAsync(Org + "/types/gd_action_details")).Status.Should().Be(HttpStatusCode.OK);
        await CreateAsync(Incident("after import", "after-import"));

        // The same export again, base64-encoded as resilient's ImportDefinition carries it: nothing to add or change.
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(SoarGuardDutyCustomization.BuildExport().ToString()));
        var (againStatus, again) = await Client.SendAsync(HttpMethod.Post, Org + "/configurations/imports", base64);
        againStatus.Should().Be(HttpStatusCode.OK, again?.ToString());
        again!["changes"]!["no_changes"]!.Value<bool>().Should().BeTrue();
        again["messages"]![0]!["text"]!.Value<string>().Should().Contain("No changes");
        again["status"] = "ACCEPTED";
        (await Client.PutAsync($"{Org}/configurations/imports/{again["id"]}", again)).Status.Should().Be(HttpStatusCode.OK);
        (await Client.PutAsync($"{Org}/configurations/imports/{again["id"]}", again)).Status.Should().Be(HttpStatusCode.BadRequest, "it is already accepted");

        var changed = SoarGuardDutyCustomization.BuildExport();
        changed["functions"]![0]!["display_name"] = "AWS GuardDuty: Archive finding (v2)";
        var (_, third) = await Client.PostAsync(Org + "/configurations/imports", changed);
        third!["changes"]!["changed"]!.Select(c => c["name"]!.Value<string>()).Should().Equal("func_aws_guardduty_archive_finding");
        Emulator.State.DefaultOrg.GetImports().Last().Changed.Should().ContainSingle();
    }

    [Test, Order(3)]
    public async Task Rejecting_an_import_discards_it()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        ((JArray)export["incident_artifact_types"]!).Add(new JObject { ["programmatic_name"] = "rejected_type", ["name"] = "Rejected Type", ["uuid"] = Guid.NewGuid().ToString() });
        var (_, pending) = await Client.PostAsync(Org + "/configurations/imports", export);
        pending!["changes"]!["added"]!.Select(a => a["name"]!.Value<string>()).Should().Equal("rejected_type");
        pending["status"] = "REJECTED";
        var (_, rejected) = await Client.PutAsync($"{Org}/configurations/imports/{pending["id"]}", pending);
        rejected!["status"]!.Value<string>().Should().Be("REJECTED");
        Emulator.State.DefaultOrg.ReadSchema(s => s.FindArtifactType("rejected_type")).Should().BeNull();
        (await Client.PutAsync($"{Org}/configurations/imports/{pending["id"]}", new { status = "MAYBE" })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test, Order(4)]
    public async Task Granting_the_api_key_on_the_destination_as_customize_does()
    {
        var (_, list) = await Client.GetAsync(Org + "/message_destinations");
        var destination = (JObject)list!["entities"]!.Single(d => d["programmatic_name"]!.Value<string>() == "fn_aws_gd");
        var id = destination["id"]!.Value<int>();
        ((JArray)destination["api_keys"]!).Add(42);

        var (status, updated) = await Client.PutAsync($"{Org}/message_destinations/{id}", destination);
        status.Should().Be(HttpStatusCode.OK);
        updated!["api_keys"]!.Select(k => k.Value<int>()).Should().Equal(42);
        Emulator.State.DefaultOrg.GetDestinationGrants("fn_aws_gd")!.Value.ApiKeys.Should().Equal(42);
        (await Client.GetAsync($"{Org}/message_destinations/{id}")).Body!["api_keys"]!.Should().HaveCount(1);

        destination["api_keys"] = new JArray(4242);
        (await Client.PutAsync($"{Org}/message_destinations/{id}", destination)).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.GetAsync($"{Org}/message_destinations/99999")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Function_without_an_existing_destination_is_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        export["message_destinations"] = new JArray();
        export["functions"]![0]!["destination_handle"] = "fn_nowhere";
        await ExpectInvalidAsync(export, "fn_nowhere", "message destination");
    }

    [Test]
    public async Task View_item_naming_a_missing_field_is_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        ((JArray)export["functions"]![0]!["view_items"]!).Add(new JObject { ["element"] = "field_uuid", ["field_type"] = "__function", ["content"] = "11111111-2222-3333-4444-555555555555" });
        await ExpectInvalidAsync(export, "11111111-2222-3333-4444-555555555555", "view item");
    }

    [Test]
    public async Task Playbook_naming_a_missing_function_or_script_is_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        var playbook = export["playbooks"]![0]!;
        var xml = playbook["content"]!["xml"]!.Value<string>()!;
        playbook["content"]!["xml"] = xml.Replace("ee7aaede-3fd1-46d5-bd05-4bd6062f67e3", "00000000-dead-beef-0000-000000000000");
        playbook["local_scripts"]![0]!["uuid"] = "99999999-0000-0000-0000-000000000000";
        var message = await ExpectInvalidAsync(export, "00000000-dead-beef-0000-000000000000", "function");
        message.Should().Contain("script");

        var broken = SoarGuardDutyCustomization.BuildExport();
        broken["playbooks"]![0]!["content"]!["xml"] = "<definitions><unclosed>";
        await ExpectInvalidAsync(broken, "well-formed");
    }

    [Test]
    public async Task Condition_on_a_missing_field_is_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        ((JArray)export["playbooks"]![0]!["activation_details"]!["activation_conditions"]!["conditions"]!)
            .Add(new JObject { ["field_name"] = "incident.properties.aws_guardduty_not_a_field", ["method"] = "has_a_value", ["value"] = null });
        await ExpectInvalidAsync(export, "aws_guardduty_not_a_field");
    }

    [Test]
    public async Task Duplicate_api_names_are_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        var functions = (JArray)export["functions"]!;
        functions.Add(functions[0].DeepClone());
        await ExpectInvalidAsync(export, "func_aws_guardduty_archive_finding", "used 2 times");
    }

    [Test]
    public async Task Import_that_is_not_an_export_is_refused()
    {
        var export = SoarGuardDutyCustomization.BuildExport();
        export["export_format_version"] = 1;
        await ExpectInvalidAsync(export, "export_format_version");
        (await Client.SendAsync(HttpMethod.Post, Org + "/configurations/imports", "@@not base64@@")).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<string> ExpectInvalidAsync(JObject export, params string[] fragments)
    {
        var (status, body) = await Client.PostAsync(Org + "/configurations/imports", export);
        status.Should().Be(HttpStatusCode.BadRequest, body?.ToString());
        var message = body!["message"]!.Value<string>()!;
        foreach (var fragment in fragments)
        {
            message.Should().Contain(fragment);
        }

        return message;
    }
}
