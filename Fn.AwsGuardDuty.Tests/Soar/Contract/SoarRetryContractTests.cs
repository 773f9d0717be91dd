using System.Net;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Queries;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>Injected 500/503/429 bursts: retried with backoff up to request_max_retries attempts, counted exactly.</summary>
public class SoarRetryContractTests : SoarEmulatorFixture
{
    private const string GetIncident = "/rest/orgs/{org}/incidents/{id}";

    [Test]
    public async Task A_500_burst_shorter_than_the_limit_is_ridden_out()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("retry-1")))["id"]!.ToObject<long>();
        var before = CallsTo("GET", GetIncident);
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^GET .*/incidents/\\d+", 500, 3));

        var incident = await client.Incidents.GetAsync(id);

        incident["id"]!.ToObject<long>().Should().Be(id);
        (CallsTo("GET", GetIncident) - before).Should().Be(4);
        client.Counters.Retries.Should().Be(3);
    }

    [Test]
    public async Task A_500_burst_longer_than_the_limit_fails_after_exactly_the_limit()
    {
        using var client = Client(tweak: o => o.RequestMaxRetries = 4);
        var id = (await client.Incidents.CreateAsync(NewIncident("retry-2")))["id"]!.ToObject<long>();
        var before = CallsTo("GET", GetIncident);
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^GET .*/incidents/\\d+", 500, 20));

        var act = () => client.Incidents.GetAsync(id);

        var error = (await act.Should().ThrowAsync<SoarHttpException>()).Which;
        error.Attempts.Should().Be(4);
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (CallsTo("GET", GetIncident) - before).Should().Be(4);
    }

    [Test]
    public async Task A_create_answered_503_is_reported_at_once_and_a_429_burst_is_ridden_out()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = CallsTo("POST", "/rest/orgs/{org}/incidents");
        var incidents = Emulator.State.DefaultOrg.IncidentCount;
        using (Emulator.Faults.Add(SoarFault.Burst("^POST .*/incidents$", 503, 2)))
        {
            var act = () => client.Incidents.CreateAsync(NewIncident("retry-3"));

            (await act.Should().ThrowAsync<SoarHttpException>("a 503 may follow a commit; the caller looks the incident up")).Which.Attempts.Should().Be(1);
        }

        using (Emulator.Faults.Add(SoarFault.Burst("^POST .*/incidents$", 429, 2)))
        {
            await client.Incidents.CreateAsync(NewIncident("retry-3"));
        }

        (CallsTo("POST", "/rest/orgs/{org}/incidents") - before).Should().Be(4);
        Emulator.State.DefaultOrg.IncidentCount.Should().Be(incidents + 1);
    }

    [Test]
    public async Task A_429_burst_on_query_paged_is_retried()
    {
        using var client = Client();
        await client.Incidents.CreateAsync(NewIncident("retry-4", region: "ap-retry-1"));
        using var _ = Emulator.Faults.Add(SoarFault.Burst("^POST .*/query_paged", 429, 2));

        var found = await client.Incidents.QueryPagedAsync(QueryRequest.Where(SoarFilter.Equal("properties.aws_guardduty_region", "ap-retry-1"))).ToListAsync();

        found.Should().ContainSingle();
        client.Counters.Retries.Should().Be(2);
    }

    [Test]
    public async Task A_table_row_add_429_burst_and_a_patch_502_burst_are_retried()
    {
        using var client = Client();
        var id = (await client.Incidents.CreateAsync(NewIncident("retry-5")))["id"]!.ToObject<long>();
        // A row add is a write: a 429 (answered before acting) is repeated, a 5xx is not (SoarCommitThenFailContractTests).
        using var rows = Emulator.Faults.Add(SoarFault.Burst("^POST .*/row_data", 429, 2));
        using var patches = Emulator.Faults.Add(SoarFault.Burst("^PATCH .*/incidents/", 502, 1));

        await client.DataTables.AddRowAsync(id, "gd_finding_overview", new Dictionary<string, Newtonsoft.Json.Linq.JToken?> { ["region"] = "x" });
        var result = await client.Incidents.UpdateAsync(id, new Dictionary<string, Newtonsoft.Json.Linq.JToken?> { ["severity_code"] = "High" });

        result.Attempts.Should().Be(1, "a 502 is a transport retry inside one PATCH attempt, not a conflict");
        Emulator.State.DefaultOrg.GetIncident(id)!.Rows("gd_finding_overview").Should().ContainSingle();
        client.Counters.Retries.Should().Be(3);
    }

    [Test]
    public async Task The_client_counts_every_call_the_server_sees()
    {
        using var client = Client();
        var before = Emulator.Calls.Total;

        var id = (await client.Incidents.CreateAsync(NewIncident("count-1")))["id"]!.ToObject<long>();
        await client.Notes.AddAsync(id, "n");
        await client.Incidents.UpdateAsync(id, new Dictionary<string, Newtonsoft.Json.Linq.JToken?> { ["severity_code"] = "High" });

        client.Counters.Calls.Should().Be(Emulator.Calls.Total - before);
        client.Counters.Calls.Should().Be(2 + 1 + 1 + 2, "login (session, org), create, note, get + patch");
    }
}
