using System.Net;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

public class SoarIncidentTests : SoarEmulatorTestBase
{
    [Test]
    public async Task Create_with_inline_artifacts_and_comments_returns_the_incident_and_stores_everything()
    {
        var payload = Incident("AWS GuardDuty: recon", "finding-create");
        payload["artifacts"] = new JArray(
            new JObject { ["type"] = new JObject { ["name"] = "aws_iam_access_key_id" }, ["value"] = "AKIAEXAMPLE", ["description"] = new JObject { ["format"] = "text", ["content"] = "key" } },
            new JObject { ["type"] = new JObject { ["name"] = "IP Address" }, ["value"] = "198.51.100.7" });
        payload["comments"] = new JArray(new JObject { ["text"] = new JObject { ["format"] = "text", ["content"] = "AWS GuardDuty finding Payload:\n{}" } });

        var created = await CreateAsync(payload);

        var id = created["id"]!.Value<long>();
        created["vers"]!.Value<int>().Should().Be(1);
        created["plan_status"]!.Value<string>().Should().Be("A");
        created["create_date"]!.Type.Should().Be(JTokenType.Integer);
        created["discovered_date"]!.Value<long>().Should().Be(DateTimeOffset.Parse("2024-04-11T05:47:16.625Z").ToUnixTimeMilliseconds());
        created["properties"]!["aws_guardduty_finding_id"]!.Value<string>().Should().Be("finding-create");
        created["properties"]!["aws_guardduty_trigger_refresh"]!.Type.Should().Be(JTokenType.Null);

        var view = Emulator.State.DefaultOrg.GetIncident(id)!;
        view.SeverityCode.Should().Be("Low");
        view.Artifacts.Select(a => (a.Type, a.Value)).Should().Equal(("aws_iam_access_key_id", "AKIAEXAMPLE"), ("IP Address", "198.51.100.7"));
        view.Comments.Should().ContainSingle().Which.Content.Should().StartWith("AWS GuardDuty finding Payload:");
    }

    [Test]
    public async Task Get_answers_ids_or_names_per_handle_format()
    {
        var id = (await CreateAsync(Incident("names", "finding-names", severity: "High")))["id"]!.Value<long>();

        var (_, byId) = await Client.GetAsync($"{Org}/incidents/{id}");
        var (_, byName) = await Client.GetAsync($"{Org}/incidents/{id}?handle_format=names");

        byId!["severity_code"]!.Value<long>().Should().Be(6);
        byName!["severity_code"]!.Value<string>().Should().Be("High");
        byName["description"]!.Value<string>().Should().Be("desc names");
        (await Client.GetAsync($"{Org}/incidents/999999")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Create_refuses_unknown_fields_bad_values_and_missing_required_fields()
    {
        var unknownProperty = Incident("x", "f");
        ((JObject)unknownProperty["properties"]!)["no_such_field"] = "v";
        var (status, body) = await Client.PostAsync(Org + "/incidents", unknownProperty);
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.Value<string>().Should().Contain("no_such_field");

        var badSeverity = Incident("x", "f", severity: "Apocalyptic");
        (await Client.PostAsync(Org + "/incidents", badSeverity)).Status.Should().Be(HttpStatusCode.BadRequest);

        var noName = Incident("x", "f");
        noName.Remove("name");
        (status, body) = await Client.PostAsync(Org + "/incidents", noName);
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.Value<string>().Should().Contain("name");

        var badArtifact = Incident("x", "f");
        badArtifact["artifacts"] = new JArray(new JObject { ["type"] = new JObject { ["name"] = "Not A Type" }, ["value"] = "v" });
        (await Client.PostAsync(Org + "/incidents", badArtifact)).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Patch_with_the_current_version_applies_and_bumps_vers()
    {
        var id = (await CreateAsync(Incident("patch", "finding-patch")))["id"]!.Value<long>();
        var patch = new JObject
        {
            ["changes"] = new JArray(
                new JObject { ["field"] = "aws_guardduty_count", ["old_value"] = new JObject { ["object"] = null }, ["new_value"] = new JObject { ["object"] = "3" } },
                new JObject { ["field"] = "severity_code", ["old_value"] = new JObject { ["object"] = "Low" }, ["new_value"] = new JObject { ["object"] = "Medium" } }),
            ["version"] = 1,
        };

        var (status, body) = await Client.PatchAsync($"{Org}/incidents/{id}", patch);

        status.Should().Be(HttpStatusCode.OK);
        body!["success"]!.Value<bool>().Should().BeTrue();
        body["field_failures"]!.Should().BeEmpty();
        var view = Emulator.State.DefaultOrg.GetIncident(id)!;
        view.Vers.Should().Be(2);
        view.Properties["aws_guardduty_count"].Should().Be("3");
        view.SeverityCode.Should().Be("Medium");
    }

    [Test]
    public async Task Patch_with_a_stale_version_is_409_and_changes_nothing()
    {
        var id = (await CreateAsync(Incident("stale", "finding-stale")))["id"]!.Value<long>();
        Emulator.State.DefaultOrg.GetIncident(id)!.Vers.Should().Be(1);
        var first = new JObject { ["changes"] = new JArray(Change("aws_guardduty_count", null, "1")), ["version"] = 1 };
        (await Client.PatchAsync($"{Org}/incidents/{id}", first)).Status.Should().Be(HttpStatusCode.OK);

        var stale = new JObject { ["changes"] = new JArray(Change("aws_guardduty_count", "1", "2")), ["version"] = 1 };
        var (status, body) = await Client.PatchAsync($"{Org}/incidents/{id}", stale);

        status.Should().Be(HttpStatusCode.Conflict);
        body!["message"]!.Value<string>().Should().Contain("version");
        Emulator.State.DefaultOrg.GetIncident(id)!.Properties["aws_guardduty_count"].Should().Be("1");
    }

    [Test]
    public async Task Patch_whose_old_value_differs_reports_field_failures()
    {
        var id = (await CreateAsync(Incident("conflict", "finding-conflict")))["id"]!.Value<long>();
        var patch = new JObject { ["changes"] = new JArray(Change("aws_guardduty_archived", "True", "False")) };

        var (status, body) = await Client.PatchAsync($"{Org}/incidents/{id}", patch);

        status.Should().Be(HttpStatusCode.OK);
        body!["success"]!.Value<bool>().Should().BeFalse();
        var failure = body["field_failures"]!.Should().ContainSingle().Subject;
        failure["field"]!.Value<string>().Should().Be("aws_guardduty_archived");
        failure["your_original_value"]!.Value<string>().Should().Be("True");
        failure["actual_current_value"]!.Value<string>().Should().Be("False");
        Emulator.State.DefaultOrg.GetIncident(id)!.Vers.Should().Be(1);
    }

    [Test]
    public async Task Patch_refuses_unknown_and_read_only_fields()
    {
        var id = (await CreateAsync(Incident("ro", "finding-ro")))["id"]!.Value<long>();
        (await Client.PatchAsync($"{Org}/incidents/{id}", new JObject { ["changes"] = new JArray(Change("nope", null, "x")) })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.PatchAsync($"{Org}/incidents/{id}", new JObject { ["changes"] = new JArray(Change("create_date", null, 5)) })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.PatchAsync($"{Org}/incidents/{id}", new JObject { ["version"] = 1 })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Put_of_the_whole_object_checks_vers()
    {
        var id = (await CreateAsync(Incident("put", "finding-put")))["id"]!.Value<long>();
        var (_, current) = await Client.GetAsync($"{Org}/incidents/{id}");
        var body = (JObject)current!;
        body["properties"]!["aws_guardduty_count"] = "9";
        body["name"] = "put renamed";

        var (status, updated) = await Client.PutAsync($"{Org}/incidents/{id}", body);
        status.Should().Be(HttpStatusCode.OK);
        updated!["vers"]!.Value<int>().Should().Be(2);
        updated["name"]!.Value<string>().Should().Be("put renamed");

        (await Client.PutAsync($"{Org}/incidents/{id}", body)).Status.Should().Be(HttpStatusCode.Conflict, "vers 1 is stale now");
        body.Remove("vers");
        (await Client.PutAsync($"{Org}/incidents/{id}", body)).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Closing_without_the_required_fields_is_a_400_naming_them()
    {
        var id = (await CreateAsync(Incident("close-missing", "finding-close-missing")))["id"]!.Value<long>();
        var patch = new JObject { ["changes"] = new JArray(Change("plan_status", "A", "C")), ["version"] = 1 };

        var (status, body) = await Client.PatchAsync($"{Org}/incidents/{id}", patch);

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.Value<string>().Should().Contain("resolution_id").And.Contain("resolution_summary");
        Emulator.State.DefaultOrg.GetIncident(id)!.IsClosed.Should().BeFalse();
    }

    [Test]
    public async Task Closing_with_the_close_template_fields_closes_and_raises_the_hook()
    {
        var id = (await CreateAsync(Incident("close-ok", "finding-close-ok")))["id"]!.Value<long>();
        var seen = new List<SoarIncidentChangedEventArgs>();
        void Handler(object? sender, SoarIncidentChangedEventArgs e)
        {
            if (e.Incident.Id == id)
            {
                lock (seen)
                {
                    seen.Add(e);
                }
            }
        }

        Emulator.State.IncidentChanged += Handler;
        try
        {
            var archived = new JObject { ["changes"] = new JArray(Change("aws_guardduty_archived", "False", "True")), ["version"] = 1 };
            (await Client.PatchAsync($"{Org}/incidents/{id}", archived)).Body!["success"]!.Value<bool>().Should().BeTrue();
            var close = new JObject
            {
                ["changes"] = new JArray(
                    Change("plan_status", "A", "C"),
                    Change("resolution_id", null, "Resolved"),
                    Change("resolution_summary", null, "Resolved by the poller because the finding was archived.")),
                ["version"] = 2,
            };
            var (status, body) = await Client.PatchAsync($"{Org}/incidents/{id}", close);
            status.Should().Be(HttpStatusCode.OK, body?.ToString());
        }
        finally
        {
            Emulator.State.IncidentChanged -= Handler;
        }

        var view = Emulator.State.DefaultOrg.GetIncident(id)!;
        view.IsClosed.Should().BeTrue();
        view.ResolutionId.Should().Be("Resolved");
        view.Fields["end_date"].Should().NotBeNull();
        seen.Select(e => e.Kind).Should().Equal(SoarIncidentChangeKind.Updated, SoarIncidentChangeKind.Closed);
        seen[0].Changed("properties.aws_guardduty_archived").Should().BeTrue();
        seen[1].Incident.Properties["aws_guardduty_archived"].Should().Be("True");
    }

    [Test]
    public async Task Types_incident_marks_the_close_fields()
    {
        var (_, type) = await Client.GetAsync(Org + "/types/incident");
        type!["fields"]!["resolution_id"]!["required"]!.Value<string>().Should().Be("close");
        type["fields"]!["resolution_summary"]!["required"]!.Value<string>().Should().Be("close");
        type["fields"]!["resolution_id"]!["values"]!.Select(v => v["label"]!.Value<string>()).Should().Contain("Resolved");
        type["fields"]!["aws_guardduty_finding_id"]!["prefix"]!.Value<string>().Should().Be("properties");

        var (_, fields) = await Client.GetAsync(Org + "/types/incident/fields");
        fields!.Select(f => f["name"]!.Value<string>()).Should().Contain(["name", "aws_guardduty_trigger_refresh"]);
        (await Client.GetAsync(Org + "/types/no_such_type")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_creates_and_patches_are_consistent()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i => (await CreateAsync(Incident("c" + i, "concurrent-" + i)))["id"]!.Value<long>()));
        ids.Distinct().Should().HaveCount(40);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Client.PatchAsync($"{Org}/incidents/{ids[0]}",
            new JObject { ["changes"] = new JArray(Change("aws_guardduty_count", null, i.ToString())), ["version"] = 1 })));
        results.Count(r => r.Status == HttpStatusCode.OK && r.Body!["success"]!.Value<bool>()).Should().Be(1);
        results.Count(r => r.Status == HttpStatusCode.Conflict).Should().Be(9);
    }

    [Test]
    public void Seeded_incidents_go_through_the_same_rules()
    {
        var seeded = Emulator.State.SeedIncident(Incident("seeded", "finding-seeded"));
        seeded.Properties["aws_guardduty_finding_id"].Should().Be("finding-seeded");
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "finding-seeded").Should().ContainSingle();
        var act = () => Emulator.State.SeedIncident("""{"name":"no date"}""");
        act.Should().Throw<Fn.AwsGuardDuty.Sandbox.Soar.Http.SoarHttpException>().Which.Status.Should().Be(400);
    }

    private static JObject Change(string field, object? oldValue, object? newValue) => new()
    {
        ["field"] = field,
        ["old_value"] = new JObject { ["object"] = oldValue is null ? JValue.CreateNull() : JToken.FromObject(oldValue) },
        ["new_value"] = new JObject { ["object"] = newValue is null ? JValue.CreateNull() : JToken.FromObject(newValue) },
    };
}
