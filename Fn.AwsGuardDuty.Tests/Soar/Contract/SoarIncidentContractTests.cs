using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Api;
using Fn.AwsGuardDuty.Soar.Patching;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

public class SoarIncidentContractTests : SoarEmulatorFixture
{
    private const string PatchTemplate = "/rest/orgs/{org}/incidents/{id}";

    [Test]
    public async Task Create_with_inline_artifacts_and_comments()
    {
        using var client = Client();
        var payload = NewIncident("create-1");
        payload["artifacts"] = new JArray(ArtifactsApi.Build("IP Address", "198.51.100.7", "remote ip"));
        payload["comments"] = new JArray(NotesApi.Build("AWS GuardDuty finding Payload:\n{}"));

        var created = await client.Incidents.CreateAsync(payload);

        var id = created["id"]!.ToObject<long>();
        created["vers"]!.ToObject<long>().Should().BePositive();
        var stored = Emulator.State.DefaultOrg.GetIncident(id)!;
        stored.Artifacts.Should().ContainSingle().Which.Value.Should().Be("198.51.100.7");
        stored.Comments.Should().ContainSingle();
        stored.Properties["aws_guardduty_finding_id"].Should().Be("create-1");
    }

    [Test]
    public async Task Get_with_and_without_handle_names()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("get-1", severity: "High")))["id"]!.ToObject<long>();

        var byId = await client.Incidents.GetAsync(id);
        var byName = await client.Incidents.GetAsync(id, handleNames: true);

        byName["severity_code"]!.ToString().Should().Be("High");
        byId["severity_code"]!.Type.Should().Be(JTokenType.Integer);
        byName["properties"]!["aws_guardduty_region"]!.ToString().Should().Be("us-east-1");
        var missing = () => client.Incidents.GetAsync(999_999);
        (await missing.Should().ThrowAsync<SoarHttpException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Update_patches_top_level_and_custom_fields_and_skips_a_no_op()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("upd-1")))["id"]!.ToObject<long>();
        var values = new Dictionary<string, JToken?>
        {
            ["severity_code"] = "Medium",
            ["properties.aws_guardduty_count"] = "4",
            ["aws_guardduty_archived"] = "False",
        };

        var first = await client.Incidents.UpdateAsync(id, values);
        var patches = CallsTo("PATCH", PatchTemplate);
        var second = await client.Incidents.UpdateAsync(id, values);

        first.Changed.Should().BeTrue();
        first.Attempts.Should().Be(1);
        second.Changed.Should().BeFalse();
        CallsTo("PATCH", PatchTemplate).Should().Be(patches, "nothing to change means no PATCH");
        var stored = Emulator.State.DefaultOrg.GetIncident(id)!;
        stored.SeverityCode.Should().Be("Medium");
        stored.Properties["aws_guardduty_count"].Should().Be("4");
        stored.Properties["aws_guardduty_archived"].Should().Be("False");
    }

    [Test]
    public async Task A_409_burst_re_reads_and_re_applies()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("conflict-1")))["id"]!.ToObject<long>();
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^PATCH .*/incidents/", 409, 2));

        var result = await client.Incidents.UpdateAsync(id, new Dictionary<string, JToken?> { ["properties.aws_guardduty_archived"] = "True" });

        result.Attempts.Should().Be(3);
        Emulator.State.DefaultOrg.GetIncident(id)!.Properties["aws_guardduty_archived"].Should().Be("True");
    }

    [Test]
    public async Task A_stale_patch_is_rebuilt_on_the_fresh_incident()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("stale-1")))["id"]!.ToObject<long>();
        var snapshot = await client.Incidents.GetAsync(id, handleNames: true);
        var stalePatch = IncidentPatchBuilder.Build(snapshot, new Dictionary<string, JToken?> { ["properties.aws_guardduty_count"] = "9" });
        await client.Incidents.UpdateAsync(id, new Dictionary<string, JToken?> { ["severity_code"] = "High" }); // someone else, vers+1

        var result = await client.Incidents.PatchAsync(id, stalePatch);

        result.Attempts.Should().Be(2, "the first PATCH hit the version conflict, the second one was rebuilt");
        var stored = Emulator.State.DefaultOrg.GetIncident(id)!;
        stored.Properties["aws_guardduty_count"].Should().Be("9");
        stored.SeverityCode.Should().Be("High", "the other writer's change survives");
    }

    [Test]
    public async Task Field_failures_without_a_version_are_re_applied_too()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("field-1")))["id"]!.ToObject<long>();
        var patch = new SoarPatch([new PatchChange("aws_guardduty_count", "not-the-current-value", "5")], Version: null);

        var result = await client.Incidents.PatchAsync(id, patch);

        result.Attempts.Should().Be(2);
        Emulator.State.DefaultOrg.GetIncident(id)!.Properties["aws_guardduty_count"].Should().Be("5");
    }

    [Test]
    public async Task Endless_conflicts_stop_at_the_limit_with_a_clear_error()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("endless-1")))["id"]!.ToObject<long>();
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^PATCH .*/incidents/", 409, 50));
        var before = CallsTo("PATCH", PatchTemplate);

        var act = () => client.Incidents.UpdateAsync(id, new Dictionary<string, JToken?> { ["severity_code"] = "High" });

        (await act.Should().ThrowAsync<SoarPatchConflictException>()).Which.Attempts.Should().Be(5);
        (CallsTo("PATCH", PatchTemplate) - before).Should().Be(5);
    }

    [Test]
    public async Task A_patch_refused_for_a_bad_field_is_reported_not_retried()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("bad-1")))["id"]!.ToObject<long>();

        var act = () => client.Incidents.UpdateAsync(id, new Dictionary<string, JToken?> { ["no_such_field"] = "x" });

        (await act.Should().ThrowAsync<SoarPatchException>()).WithMessage("*no_such_field*");
    }

    [Test]
    public async Task Get_put_changes_the_incident_and_put_sends_it_whole()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("put-1")))["id"]!.ToObject<long>();

        var updated = await client.Incidents.GetPutAsync(id, incident =>
        {
            incident["name"] = "renamed by get_put";
            return true;
        });
        var current = await client.Incidents.GetAsync(id);
        current["name"] = "renamed by put";
        var put = await client.Incidents.PutAsync(id, current);

        updated["name"]!.ToString().Should().Be("renamed by get_put");
        put["name"]!.ToString().Should().Be("renamed by put");
        Emulator.State.DefaultOrg.GetIncident(id)!.Name.Should().Be("renamed by put");
    }

    [Test]
    public async Task Get_put_retries_a_409_from_a_fresh_read()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("put-2")))["id"]!.ToObject<long>();
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^PUT .*/incidents/", 409, 1));

        await client.Incidents.GetPutAsync(id, incident =>
        {
            incident["name"] = "second try";
            return true;
        });

        Emulator.State.DefaultOrg.GetIncident(id)!.Name.Should().Be("second try");
    }
}
