using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

/// <summary>query_paged and query over a known set of incidents in org 202 (reached with a user session).</summary>
public class SoarQueryTests : SoarEmulatorTestBase
{
    private SoarTestClient _user = null!;

    private const string Org2 = "/rest/orgs/202";

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _user = NewClient(new CookieContainer());
        var (_, session) = await _user.PostAsync("/rest/session", new { email = Email, password = Password });
        _user.UseSession(session!["csrf_token"]!.Value<string>()!);

        var regions = new[] { "us-east-1", "us-east-1", "eu-west-1", "eu-west-1", "ap-south-1" };
        for (var i = 0; i < regions.Length; i++)
        {
            var payload = Incident($"q{i}", $"q-finding-{i}", regions[i], severity: i % 2 == 0 ? "Low" : "High");
            if (i == 4)
            {
                ((JObject)payload["properties"]!).Remove("aws_guardduty_detector_id");
            }

            Emulator.State.SeedIncident(payload, 202);
        }
    }

    [OneTimeTearDown]
    public void DisposeUser() => _user.Dispose();

    [Test]
    public async Task Equals_on_plan_status_and_properties_like_the_poller_lookup()
    {
        var data = await QueryAsync(All(
            Cond("plan_status", "equals", "A"),
            Cond("properties.aws_guardduty_finding_id", "equals", "q-finding-2"),
            Cond("properties.aws_guardduty_detector_id", "equals", "det-1"),
            Cond("properties.aws_guardduty_region", "equals", "eu-west-1")));
        data.Select(Name).Should().Equal("q2");
    }

    [Test]
    public async Task Each_condition_method()
    {
        (await QueryAsync(All(Cond("properties.aws_guardduty_region", "not_equals", "us-east-1")))).Select(Name).Should().Equal("q2", "q3", "q4");
        (await QueryAsync(All(Cond("properties.aws_guardduty_region", "in", new JArray("ap-south-1", "us-east-1"))))).Select(Name).Should().Equal("q0", "q1", "q4");
        (await QueryAsync(All(Cond("properties.aws_guardduty_detector_id", "has_a_value", null)))).Should().HaveCount(4);
        (await QueryAsync(All(Cond("properties.aws_guardduty_detector_id", "does_not_have_a_value", null)))).Select(Name).Should().Equal("q4");
        (await QueryAsync(All(Cond("properties.aws_guardduty_region", "contains", "west")))).Select(Name).Should().Equal("q2", "q3");
        (await QueryAsync(All(Cond("severity_code", "equals", "High")))).Select(Name).Should().Equal("q1", "q3");
        (await QueryAsync(All(Cond("severity_code", "equals", 6)))).Select(Name).Should().Equal("q1", "q3");
    }

    [Test]
    public async Task Any_versus_all()
    {
        var any = new JObject
        {
            ["conditions"] = new JArray(Cond("name", "equals", "q0"), Cond("name", "equals", "q4")),
            ["logic_type"] = "ANY",
        };
        (await QueryAsync(any)).Select(Name).Should().Equal("q0", "q4");
        (await QueryAsync(All(Cond("name", "equals", "q0"), Cond("name", "equals", "q4")))).Should().BeEmpty();
    }

    [Test]
    public async Task Paging_with_start_and_length_and_sorts()
    {
        var body = new JObject
        {
            ["filters"] = new JArray(All(Cond("plan_status", "equals", "A"))),
            ["sorts"] = new JArray(new JObject { ["field_name"] = "create_date", ["type"] = "desc" }, new JObject { ["field_name"] = "id", ["type"] = "desc" }),
            ["start"] = 0,
            ["length"] = 2,
        };
        var names = new List<string>();
        while (true)
        {
            var (status, page) = await _user.PostAsync(Org2 + "/incidents/query_paged?return_level=normal", body);
            status.Should().Be(HttpStatusCode.OK);
            page!["recordsTotal"]!.Value<int>().Should().Be(5);
            page["recordsFiltered"]!.Value<int>().Should().Be(5);
            var data = (JArray)page["data"]!;
            if (data.Count == 0)
            {
                break;
            }

            names.AddRange(data.Select(Name));
            body["start"] = body["start"]!.Value<int>() + data.Count;
        }

        names.Should().Equal("q4", "q3", "q2", "q1", "q0");
    }

    [Test]
    public async Task Unpaged_query_returns_a_list_and_return_level_shapes_the_rows()
    {
        var (status, list) = await _user.PostAsync(Org2 + "/incidents/query?return_level=partial", new JObject { ["filters"] = new JArray(All(Cond("name", "equals", "q1"))) });
        status.Should().Be(HttpStatusCode.OK);
        var row = list!.Should().BeOfType<JArray>().Which.Should().ContainSingle().Subject;
        row["properties"].Should().BeNull("partial rows carry no custom fields");
        row["plan_status"]!.Value<string>().Should().Be("A");

        (await _user.PostAsync(Org2 + "/incidents/query?return_level=everything", new JObject())).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Unknown_fields_methods_and_logic_types_are_400()
    {
        (await _user.PostAsync(Org2 + "/incidents/query_paged", Body(All(Cond("properties.nope", "equals", "x"))))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await _user.PostAsync(Org2 + "/incidents/query_paged", Body(All(Cond("name", "resembles", "x"))))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await _user.PostAsync(Org2 + "/incidents/query_paged", Body(new JObject { ["conditions"] = new JArray(), ["logic_type"] = "SOME" }))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await _user.PostAsync(Org2 + "/incidents/query_paged", Body(All(Cond("name", "in", "not-a-list"))))).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Closed_incidents_drop_out_of_plan_status_A_queries()
    {
        // In org 201, so the fixed set in org 202 stays as the other tests expect.
        var seeded = Emulator.State.SeedIncident(Incident("q-closed", "q-closed", "sa-east-1"), 201);
        var close = new JObject
        {
            ["changes"] = new JArray(
                new JObject { ["field"] = "plan_status", ["new_value"] = new JObject { ["object"] = "C" } },
                new JObject { ["field"] = "resolution_id", ["new_value"] = new JObject { ["object"] = "Duplicate" } },
                new JObject { ["field"] = "resolution_summary", ["new_value"] = new JObject { ["object"] = "dup" } }),
            ["version"] = seeded.Vers,
        };
        (await _user.PatchAsync($"{Org}/incidents/{seeded.Id}", close)).Status.Should().Be(HttpStatusCode.OK);

        (await QueryAsync(All(Cond("plan_status", "equals", "A"), Cond("properties.aws_guardduty_region", "equals", "sa-east-1")), Org)).Should().BeEmpty();
        (await QueryAsync(All(Cond("plan_status", "equals", "C"), Cond("properties.aws_guardduty_region", "equals", "sa-east-1")), Org)).Should().ContainSingle();
    }

    private async Task<List<JToken>> QueryAsync(JObject filter, string org = Org2)
    {
        var (status, page) = await _user.PostAsync(org + "/incidents/query_paged?return_level=normal", Body(filter));
        status.Should().Be(HttpStatusCode.OK, page?.ToString());
        return page!["data"]!.ToList();
    }

    private static JObject Body(JObject filter) => new() { ["filters"] = new JArray(filter), ["start"] = 0, ["length"] = 100 };

    private static JObject All(params JObject[] conditions) => new() { ["conditions"] = new JArray(conditions.Cast<object>().ToArray()), ["logic_type"] = "ALL" };

    private static JObject Cond(string field, string method, object? value)
    {
        var condition = new JObject { ["field_name"] = field, ["method"] = method };
        if (value is not null)
        {
            condition["value"] = value as JToken ?? JToken.FromObject(value);
        }

        return condition;
    }

    private static string Name(JToken incident) => incident["name"]!.Value<string>()!;
}
