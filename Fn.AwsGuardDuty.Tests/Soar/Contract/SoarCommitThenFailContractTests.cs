using System.Net;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>
/// Issue 11 #1: SOAR commits a POST, then a gateway answers 502 or 504. Whatever the kind of POST the client makes,
/// the write is not made twice: writes are not repeated blindly, and those the client can look up (artifacts, notes,
/// table rows) are looked up and, when they landed, not sent again.
/// </summary>
[TestFixture(502)]
[TestFixture(504)]
public class SoarCommitThenFailContractTests(int status) : SoarEmulatorFixture
{
    private const string Table = "gd_finding_overview";

    private IDisposable CommitThenFail(string route, int count = 1) =>
        Emulator.Faults.Add(SoarFault.CommitThenGatewayError(route, count, status));

    [Test]
    public async Task An_incident_create_is_not_repeated()
    {
        using var client = Client();
        await client.ConnectAsync();
        var findingId = $"ctf-incident-{status}";
        using var _ = CommitThenFail("^POST .*/incidents$");

        var act = () => client.Incidents.CreateAsync(NewIncident(findingId));

        var error = (await act.Should().ThrowAsync<SoarHttpException>("SOAR may have committed it: the caller looks it up")).Which;
        ((int)error.StatusCode).Should().Be(status);
        error.Attempts.Should().Be(1);
        Emulator.State.DefaultOrg.FindByProperty("aws_guardduty_finding_id", findingId).Should().ContainSingle();
    }

    [Test]
    public async Task An_artifact_that_landed_is_found_and_not_added_again()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, $"ctf-artifact-{status}");
        using var _ = CommitThenFail("^POST .*/incidents/\\d+/artifacts$");

        var added = await client.Artifacts.AddAsync(id, "IP Address", "198.51.100.7", "remote");

        added.Should().ContainSingle().Which["value"]!.ToString().Should().Be("198.51.100.7");
        Emulator.State.DefaultOrg.GetIncident(id)!.Artifacts.Should().ContainSingle(a => a.Value == "198.51.100.7");
        CallsTo("POST", "/rest/orgs/{org}/incidents/{id}/artifacts").Should().BeGreaterThan(0);
        Emulator.Faults.Fired.Should().Be(1);
    }

    [Test]
    public async Task A_note_that_landed_is_found_and_not_added_again()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, $"ctf-note-{status}");
        using var _ = CommitThenFail("^POST .*/incidents/\\d+/comments$");

        var note = await client.Notes.AddAsync(id, "refreshed: one note only");

        note["id"]!.Type.Should().Be(JTokenType.Integer);
        Emulator.State.DefaultOrg.GetIncident(id)!.Comments.Should().ContainSingle(c => c.Content == "refreshed: one note only");
    }

    [Test]
    public async Task A_row_that_landed_while_replacing_a_table_is_found_and_not_added_again()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, $"ctf-rows-{status}");
        await client.DataTables.AddRowAsync(id, Table, Cells("stale", "1"));
        using var _ = CommitThenFail("^POST .*/row_data$", count: 2);

        var created = await client.DataTables.ReplaceRowsAsync(id, Table, [Cells("new-1", "5"), Cells("new-1", "5"), Cells("new-2", "6")]);

        created.Should().Be(3);
        Emulator.State.DefaultOrg.GetIncident(id)!.Rows(Table).Select(r => r.Cells["region"])
            .Should().BeEquivalentTo(["new-1", "new-1", "new-2"], "two equal rows were asked for, and each landed once");
        Emulator.Faults.Fired.Should().Be(2);
    }

    [Test]
    public async Task A_single_row_add_is_not_repeated()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, $"ctf-row-{status}");
        using var _ = CommitThenFail("^POST .*/row_data$");

        var act = () => client.DataTables.AddRowAsync(id, Table, Cells("once", "1"));

        await act.Should().ThrowAsync<SoarHttpException>();
        Emulator.State.DefaultOrg.GetIncident(id)!.Rows(Table).Should().ContainSingle();
    }

    [Test]
    public async Task A_customization_import_is_not_repeated()
    {
        using var client = Client();
        await client.ConnectAsync();
        var before = Emulator.State.DefaultOrg.GetImports().Count;
        using var _ = CommitThenFail("^POST .*/configurations/imports$");

        var act = () => client.Imports.CreateAsync(SoarGuardDutyCustomization.BuildExport());

        await act.Should().ThrowAsync<SoarHttpException>();
        Emulator.State.DefaultOrg.GetImports().Should().HaveCount(before + 1);
    }

    [Test]
    public async Task A_query_changes_nothing_so_it_is_simply_asked_again()
    {
        using var client = Client();
        var findingId = $"ctf-query-{status}";
        await NewIncidentIdAsync(client, findingId);
        using var paged = CommitThenFail("^POST .*/incidents/query_paged");
        using var plain = CommitThenFail("^POST .*/incidents/query$");
        var query = QueryRequest.Where(SoarFilter.Equal(SoarFilter.Property("aws_guardduty_finding_id"), findingId));

        var viaPaged = await client.Incidents.QueryPagedAsync(query).ToListAsync();
        var viaPlain = await client.Incidents.QueryAsync(query);

        viaPaged.Should().ContainSingle();
        viaPlain.Should().ContainSingle();
        Emulator.Faults.Fired.Should().Be(2);
    }

    [Test]
    public async Task A_password_login_is_repeated_as_it_creates_nothing_the_caller_keeps()
    {
        using var client = Client(password: true);
        using var _ = CommitThenFail("^POST /rest/session");

        var session = await client.ConnectAsync();

        session.OrgId.Should().Be(201);
    }

    [Test]
    public async Task The_gateway_page_is_quoted_in_the_error_not_parsed_as_json()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, $"ctf-page-{status}");
        using var _ = CommitThenFail("^POST .*/row_data$");

        var act = () => client.DataTables.AddRowAsync(id, Table, Cells("page", "1"));

        var error = (await act.Should().ThrowAsync<SoarHttpException>()).Which;
        error.Message.Should().Contain(status == 502 ? "Bad Gateway" : "Gateway Timeout");
        ((int)error.StatusCode).Should().Be(status);
    }

    private static async Task<long> NewIncidentIdAsync(SoarClient client, string findingId) =>
        (await client.Incidents.CreateAsync(NewIncident(findingId)))["id"]!.ToObject<long>();

    private static Dictionary<string, JToken?> Cells(string region, string count) => new()
    {
        ["region"] = region,
        ["count"] = count,
        ["severity"] = "2.0",
    };
}
