using Fn.AwsGuardDuty.Soar.Api;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>Artifacts, notes and data-table rows of an incident.</summary>
public class SoarChildrenContractTests : SoarEmulatorFixture
{
    private const string Table = "gd_finding_overview";

    private async Task<long> NewIncidentIdAsync(Fn.AwsGuardDuty.Soar.SoarClient client, string findingId) =>
        (await client.Incidents.CreateAsync(NewIncident(findingId)))["id"]!.ToObject<long>();

    [Test]
    public async Task Artifacts_are_added_as_a_list_and_listed_by_GET_and_query_paged()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, "art-1");

        var added = await client.Artifacts.AddAsync(id, "IP Address", "203.0.113.9", "remote");
        await client.Artifacts.AddAsync(id, ArtifactsApi.Build("DNS Name", "evil.example", null));
        await client.Artifacts.AddAsync(id, "IP Address", "203.0.113.10");

        added.Should().ContainSingle().Which["value"]!.ToString().Should().Be("203.0.113.9");
        (await client.Artifacts.ListAsync(id)).Select(a => a["value"]!.ToString())
            .Should().BeEquivalentTo(["203.0.113.9", "evil.example", "203.0.113.10"]);
        (await client.Artifacts.QueryAsync(id, pageSize: 2).ToListAsync()).Should().HaveCount(3);
    }

    [Test]
    public async Task Notes_are_added_and_listed()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, "note-1");

        var note = await client.Notes.AddAsync(id, "plain text note");
        await client.Notes.AddAsync(id, "<b>rich</b>", NoteFormat.Html);

        note["id"]!.Type.Should().Be(JTokenType.Integer);
        (await client.Notes.ListAsync(id)).Should().HaveCount(2);
        Emulator.State.DefaultOrg.GetIncident(id)!.Comments.Should().HaveCount(2);
    }

    [Test]
    public async Task Table_rows_are_added_listed_updated_and_deleted()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, "rows-1");

        var row = await client.DataTables.AddRowAsync(id, Table, Cells("us-east-1", "2"));
        var rowId = row["id"]!.ToObject<long>();
        await client.DataTables.UpdateRowAsync(id, Table, rowId, Cells("us-west-2", "3"));
        var listed = await client.DataTables.ListRowsAsync(id, Table);

        listed.Should().ContainSingle();
        Emulator.State.DefaultOrg.GetIncident(id)!.Rows(Table).Single().Cells["region"].Should().Be("us-west-2");
        (await client.DataTables.DeleteRowAsync(id, Table, rowId)).Should().BeTrue();
        (await client.DataTables.DeleteRowAsync(id, Table, rowId)).Should().BeFalse("the row is already gone");
        (await client.DataTables.ListRowsAsync(id, Table)).Should().BeEmpty();
    }

    [Test]
    public async Task Replace_all_leaves_exactly_the_new_rows()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, "rows-2");
        await client.DataTables.AddRowAsync(id, Table, Cells("old-1", "1"));
        await client.DataTables.AddRowAsync(id, Table, Cells("old-2", "1"));

        var created = await client.DataTables.ReplaceRowsAsync(id, Table, [Cells("new-1", "5"), Cells("new-2", "6"), Cells("new-3", "7")]);

        created.Should().Be(3);
        Emulator.State.DefaultOrg.GetIncident(id)!.Rows(Table).Select(r => r.Cells["region"])
            .Should().BeEquivalentTo(["new-1", "new-2", "new-3"]);
        await client.DataTables.ReplaceRowsAsync(id, Table, []);
        (await client.DataTables.ListRowsAsync(id, Table)).Should().BeEmpty();
    }

    [Test]
    public async Task An_unknown_table_is_a_clear_http_error()
    {
        using var client = Client();
        var id = await NewIncidentIdAsync(client, "rows-3");

        var act = () => client.DataTables.AddRowAsync(id, "no_such_table", Cells("x", "1"));

        (await act.Should().ThrowAsync<Fn.AwsGuardDuty.Soar.SoarHttpException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    private static Dictionary<string, JToken?> Cells(string region, string count) => new()
    {
        ["region"] = region,
        ["count"] = count,
        ["severity"] = "2.0",
    };
}
