using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

public class SoarQueryContractTests : SoarEmulatorFixture
{
    private const string Region = "eu-query-1";
    private readonly List<long> _ids = [];

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        using var client = Client();
        for (var i = 0; i < 7; i++)
        {
            var incident = NewIncident($"q-{i}", Region, severity: i % 2 == 0 ? "Low" : "High");
            if (i == 6)
            {
                ((JObject)incident["properties"]!).Remove("aws_guardduty_detector_id");
            }

            _ids.Add((await client.Incidents.CreateAsync(incident))["id"]!.ToObject<long>());
        }

        await client.Incidents.CloseAsync(_ids[5], new Dictionary<string, JToken?>
        {
            ["resolution_id"] = "Resolved",
            ["resolution_summary"] = "closed for the query test",
        });
    }

    private static QueryCondition InRegion => SoarFilter.Equal(SoarFilter.Property("aws_guardduty_region"), Region);

    [Test]
    public async Task Query_paged_walks_every_page()
    {
        using var client = Client();
        var before = CallsTo("POST", "/rest/orgs/{org}/incidents/query_paged");

        var all = await client.Incidents.QueryPagedAsync(QueryRequest.Where(InRegion), pageSize: 3).ToListAsync();

        all.Select(i => i["id"]!.ToObject<long>()).Should().BeEquivalentTo(_ids);
        (CallsTo("POST", "/rest/orgs/{org}/incidents/query_paged") - before).Should().Be(3, "7 records in pages of 3, stopping at recordsFiltered");
    }

    [Test]
    public async Task A_single_page_reports_the_totals()
    {
        using var client = Client();

        var page = await client.Incidents.QueryPageAsync(QueryRequest.Where(InRegion).OrderBy("id"), start: 3, length: 3, ReturnLevel.Partial);

        page.RecordsFiltered.Should().Be(7);
        page.RecordsTotal.Should().BeGreaterThanOrEqualTo(7);
        page.Data.Select(i => i["id"]!.ToObject<long>()).Should().Equal(_ids.Skip(3).Take(3));
    }

    [Test]
    public async Task Each_filter_selects_what_it_says()
    {
        using var client = Client();

        async Task<IEnumerable<long>> Ids(params QueryCondition[] extra) =>
            (await client.Incidents.QueryPagedAsync(QueryRequest.Where([InRegion, .. extra])).ToListAsync()).Select(i => i["id"]!.ToObject<long>());

        (await Ids(SoarFilter.Equal(SoarFilter.Property("aws_guardduty_finding_id"), "q-2"))).Should().Equal(_ids[2]);
        (await Ids(SoarFilter.NotEqual(SoarFilter.Property("aws_guardduty_finding_id"), "q-2"))).Should().HaveCount(6).And.NotContain(_ids[2]);
        (await Ids(SoarFilter.In(SoarFilter.Property("aws_guardduty_finding_id"), "q-1", "q-4"))).Should().BeEquivalentTo([_ids[1], _ids[4]]);
        (await Ids(SoarFilter.HasAValue(SoarFilter.Property("aws_guardduty_detector_id")))).Should().HaveCount(6).And.NotContain(_ids[6]);
        (await Ids(SoarFilter.DoesNotHaveAValue(SoarFilter.Property("aws_guardduty_detector_id")))).Should().Equal(_ids[6]);
        (await Ids(SoarFilter.PlanStatus(IncidentPlanStatus.Closed))).Should().Equal(_ids[5]);
        (await Ids(SoarFilter.PlanStatus(IncidentPlanStatus.Active))).Should().HaveCount(6).And.NotContain(_ids[5]);
    }

    [Test]
    public async Task The_unpaged_query_returns_a_list_sorted_as_asked()
    {
        using var client = Client();

        var found = await client.Incidents.QueryAsync(QueryRequest.Where(InRegion, SoarFilter.PlanStatus(IncidentPlanStatus.Active)).OrderBy("id", descending: true));

        found.Select(i => i["id"]!.ToObject<long>()).Should().Equal(_ids.Where(id => id != _ids[5]).Reverse());
    }

    [Test]
    public async Task A_query_on_an_unknown_field_is_a_clear_http_error()
    {
        using var client = Client();

        var act = () => client.Incidents.QueryAsync(QueryRequest.Where(SoarFilter.Equal("properties.no_such_field", "x")));

        (await act.Should().ThrowAsync<Fn.AwsGuardDuty.Soar.SoarHttpException>()).Which.Attempts.Should().Be(1);
    }
}
