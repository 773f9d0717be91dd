using System.Diagnostics;
using System.Net;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

public class SoarFaultTests : SoarEmulatorTestBase
{
    [Test]
    public async Task A_burst_of_500s_on_one_route_then_normal_service()
    {
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^POST /rest/orgs/\\{org\\}/incidents$", 500, count: 2));

        (await Client.PostAsync(Org + "/incidents", Incident("burst", "burst-1"))).Status.Should().Be(HttpStatusCode.InternalServerError);
        (await Client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.OK, "other routes are not affected");
        (await Client.PostAsync(Org + "/incidents", Incident("burst", "burst-1"))).Status.Should().Be(HttpStatusCode.InternalServerError);
        (await Client.PostAsync(Org + "/incidents", Incident("burst", "burst-1"))).Status.Should().Be(HttpStatusCode.OK);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "burst-1").Should().ContainSingle("failed calls change nothing");
    }

    [Test]
    public async Task Commit_then_fail_applies_the_call_and_then_answers_the_error()
    {
        using var _ = Emulator.Faults.Add(SoarFault.CommitThenFail("^POST /rest/orgs/\\{org\\}/incidents$", count: 2));
        var org = Emulator.State.DefaultOrg;

        var first = await Client.PostAsync(Org + "/incidents", Incident("commit", "commit-1"));
        var second = await Client.PostAsync(Org + "/incidents", Incident("commit", "commit-2"));
        var third = await Client.PostAsync(Org + "/incidents", Incident("commit", "commit-3"));

        first.Status.Should().Be(HttpStatusCode.InternalServerError);
        first.Body!["message"]!.Value<string>().Should().Be("Injected fault", "the caller sees only the error, not the incident");
        second.Status.Should().Be(HttpStatusCode.InternalServerError);
        third.Status.Should().Be(HttpStatusCode.OK, "the rule is spent after two calls");
        foreach (var id in new[] { "commit-1", "commit-2", "commit-3" })
            org.FindByProperty("aws_guardduty_finding_id", id).Should().ContainSingle($"{id} was committed although the answer was 500");
        Emulator.Faults.Fired.Should().Be(2);
    }

    [TestCase(502, "Bad Gateway")]
    [TestCase(504, "Gateway Timeout")]
    public async Task Commit_then_gateway_error_applies_every_kind_of_POST_and_answers_a_gateway_page(int status, string reason)
    {
        var org = Emulator.State.DefaultOrg;
        var id = (await CreateAsync(Incident("gateway", $"gateway-{status}")))["id"]!.Value<long>();
        var imports = org.GetImports().Count;
        var posts = new (string Route, string Path, object Body)[]
        {
            ("^POST /rest/orgs/\\{org\\}/incidents$", Org + "/incidents", Incident("gateway", $"gateway-{status}-made")),
            ("/artifacts$", $"{Org}/incidents/{id}/artifacts", new JObject { ["type"] = "IP Address", ["value"] = "192.0.2.44" }),
            ("/comments$", $"{Org}/incidents/{id}/comments", new JObject { ["text"] = new JObject { ["format"] = "text", ["content"] = "gateway note" } }),
            ("/row_data$", $"{Org}/incidents/{id}/table_data/gd_finding_overview/row_data", new JObject { ["cells"] = new JObject { ["region"] = new JObject { ["value"] = "gw" } } }),
            ("/configurations/imports$", Org + "/configurations/imports", Fn.AwsGuardDuty.Sandbox.Soar.Imports.SoarGuardDutyCustomization.BuildExport()),
        };

        foreach (var (route, path, body) in posts)
        {
            using var _ = Emulator.Faults.Add(SoarFault.CommitThenGatewayError(route, count: 1, status));

            var (answered, mediaType, text) = await Client.PostRawAsync(path, body);

            ((int)answered).Should().Be(status, path);
            mediaType.Should().Be("text/html", "a gateway answers with its own page, not SOAR's JSON");
            text.Should().Contain($"{status} {reason}");
        }

        org.FindByProperty("aws_guardduty_finding_id", $"gateway-{status}-made").Should().ContainSingle("the create was committed");
        var incident = org.GetIncident(id)!;
        incident.Artifacts.Should().ContainSingle(a => a.Value == "192.0.2.44");
        incident.Comments.Should().ContainSingle(c => c.Content == "gateway note");
        incident.Rows("gd_finding_overview").Should().ContainSingle();
        org.GetImports().Should().HaveCount(imports + 1);
    }

    [Test]
    public async Task Commit_then_fail_leaves_a_refused_call_refused()
    {
        using var _ = Emulator.Faults.Add(SoarFault.CommitThenFail("^POST /rest/orgs/\\{org\\}/incidents$", count: 1, status: 503));
        var incident = Incident("refused", "refused-1");
        incident["no_such_field"] = 1;

        var bad = await Client.PostAsync(Org + "/incidents", incident);

        bad.Status.Should().Be(HttpStatusCode.BadRequest, "nothing was applied, so SOAR's own refusal stands");
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", "refused-1").Should().BeEmpty();
    }

    [Test]
    public async Task Every_nth_call_gets_a_409()
    {
        var id = (await CreateAsync(Incident("nth", "nth-1")))["id"]!.Value<long>();
        using var _ = Emulator.Faults.Add(SoarFault.Every("^PATCH .*/incidents/\\{id\\}$", nth: 3, status: 409));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var patch = new JObject { ["changes"] = new JArray(new JObject { ["field"] = "aws_guardduty_count", ["new_value"] = new JObject { ["object"] = i.ToString() } }) };
            statuses.Add((await Client.PatchAsync($"{Org}/incidents/{id}", patch)).Status);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Injected_401_and_added_latency()
    {
        using (Emulator.Faults.Add(new SoarFault { Route = "GET /rest/orgs/201$", Status = 401, Count = 1 }))
        {
            (await Client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.Unauthorized);
            (await Client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.OK);
        }

        using (Emulator.Faults.Add(SoarFault.Delay("/rest/const", TimeSpan.FromMilliseconds(300))))
        {
            var watch = Stopwatch.StartNew();
            (await Client.GetAsync("/rest/const")).Status.Should().Be(HttpStatusCode.OK);
            watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
        }

        var fast = Stopwatch.StartNew();
        await Client.GetAsync("/rest/const");
        fast.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(250), "disposing the rule disarms it");
    }

    [Test]
    public void Bad_fault_rules_are_refused()
    {
        var act = () => Emulator.Faults.Add(new SoarFault { EveryNth = 0 });
        act.Should().Throw<ArgumentException>();
        var ok = () => Emulator.Faults.Add(new SoarFault { Status = 200 });
        ok.Should().Throw<ArgumentException>();
        var afterNothing = () => Emulator.Faults.Add(new SoarFault { Status = 0, AfterHandling = true });
        afterNothing.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task Calls_are_counted_per_endpoint()
    {
        var before = Emulator.Calls.Snapshot();
        var id = (await CreateAsync(Incident("count", "count-1")))["id"]!.Value<long>();
        await Client.PostAsync($"{Org}/incidents/{id}/table_data/gd_finding_overview/row_data", new JObject { ["cells"] = new JObject { ["severity"] = new JObject { ["value"] = "2" } } });
        await Client.PostAsync($"{Org}/incidents/{id}/table_data/gd_action_details/row_data", new JObject { ["cells"] = new JObject { ["action_type"] = new JObject { ["value"] = "AWS_API_CALL" } } });
        await Client.GetAsync($"{Org}/no/such/path");

        long Delta(string key) => Emulator.Calls[key] - before.GetValueOrDefault(key);
        Delta("POST /rest/orgs/{org}/incidents").Should().Be(1);
        Emulator.Calls.Get("POST", "/rest/orgs/{org}/incidents/{id}/table_data/{table}/row_data").Should().BeGreaterThanOrEqualTo(2);
        Delta("POST /rest/orgs/{org}/incidents/{id}/table_data/{table}/row_data").Should().Be(2);
        Delta("GET (unmatched)").Should().Be(1);
    }

    [Test]
    public async Task Ten_thousand_incidents_fit_and_stay_quick_to_query()
    {
        var org = Emulator.State.Org(202);
        for (var i = 0; i < 10_000; i++)
        {
            Emulator.State.SeedIncident(Incident("bulk " + i, "bulk-" + i, i % 2 == 0 ? "us-east-1" : "eu-west-1"), 202);
        }

        org.IncidentCount.Should().BeGreaterThanOrEqualTo(10_000);
        using var user = NewClient(new CookieContainer());
        var (_, session) = await user.PostAsync("/rest/session", new { email = Email, password = Password });
        user.UseSession(session!["csrf_token"]!.Value<string>()!);
        var watch = Stopwatch.StartNew();
        var (status, page) = await user.PostAsync("/rest/orgs/202/incidents/query_paged?return_level=normal", new JObject
        {
            ["filters"] = new JArray(new JObject
            {
                ["conditions"] = new JArray(
                    new JObject { ["field_name"] = "plan_status", ["method"] = "equals", ["value"] = "A" },
                    new JObject { ["field_name"] = "properties.aws_guardduty_region", ["method"] = "equals", ["value"] = "eu-west-1" }),
            }),
            ["start"] = 0,
            ["length"] = 100,
        });
        status.Should().Be(HttpStatusCode.OK);
        page!["recordsFiltered"]!.Value<int>().Should().Be(5_000);
        page["data"]!.Should().HaveCount(100);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }
}
