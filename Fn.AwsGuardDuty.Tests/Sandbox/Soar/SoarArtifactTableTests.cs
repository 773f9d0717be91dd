using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

public class SoarArtifactTableTests : SoarEmulatorTestBase
{
    [Test]
    public async Task Adding_an_artifact_returns_a_list_and_every_type_spelling_works()
    {
        var id = (await CreateAsync(Incident("artifacts", "finding-artifacts")))["id"]!.Value<long>();

        var (status, added) = await Client.PostAsync($"{Org}/incidents/{id}/artifacts",
            new { type = new { name = "aws_s3_bucket_name" }, value = "my-bucket", description = new { format = "text", content = "bucket" } });
        status.Should().Be(HttpStatusCode.OK);
        added.Should().BeOfType<JArray>().Which.Should().ContainSingle().Which["value"]!.Value<string>().Should().Be("my-bucket");

        (await Client.PostAsync($"{Org}/incidents/{id}/artifacts", new { type = "DNS Name", value = "ec2.example.com" })).Status.Should().Be(HttpStatusCode.OK);
        (await Client.PostAsync($"{Org}/incidents/{id}/artifacts", new { type = "AWS IAM User Name", value = "alice" })).Status.Should().Be(HttpStatusCode.OK);
        var portTypeId = Emulator.State.DefaultOrg.ReadSchema(s => s.FindArtifactType("Port")!.Id);
        (await Client.PostAsync($"{Org}/incidents/{id}/artifacts", new { type = portTypeId, value = "22" })).Status.Should().Be(HttpStatusCode.OK);

        var (_, list) = await Client.GetAsync($"{Org}/incidents/{id}/artifacts?handle_format=names");
        list!.Select(a => a["type"]!.Value<string>()).Should().Equal("AWS S3 Bucket Name", "DNS Name", "AWS IAM User Name", "Port");

        var (_, page) = await Client.PostAsync($"{Org}/incidents/{id}/artifacts/query_paged", new JObject());
        page!["data"]!.Should().HaveCount(4);
        var (_, filtered) = await Client.PostAsync($"{Org}/incidents/{id}/artifacts/query_paged",
            new { filters = new[] { new { conditions = new[] { new { field_name = "type", method = "equals", value = "DNS Name" } } } } });
        filtered!["data"]!.Should().ContainSingle().Which["value"]!.Value<string>().Should().Be("ec2.example.com");
    }

    [Test]
    public async Task Bad_artifacts_are_400_and_unknown_incidents_404()
    {
        var id = (await CreateAsync(Incident("bad-artifacts", "finding-bad-artifacts")))["id"]!.Value<long>();
        (await Client.PostAsync($"{Org}/incidents/{id}/artifacts", new { type = "Nope", value = "x" })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.PostAsync($"{Org}/incidents/{id}/artifacts", new { type = "IP Address", value = "" })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.PostAsync($"{Org}/incidents/987654/artifacts", new { type = "IP Address", value = "1.2.3.4" })).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Comments_are_added_and_listed()
    {
        var id = (await CreateAsync(Incident("comments", "finding-comments")))["id"]!.Value<long>();
        var (status, comment) = await Client.PostAsync($"{Org}/incidents/{id}/comments", new { text = new { format = "html", content = "<b>archived</b>" } });
        status.Should().Be(HttpStatusCode.OK);
        comment!["text"]!.Value<string>().Should().Be("<b>archived</b>");
        comment["id"]!.Type.Should().Be(JTokenType.Integer);

        var (_, list) = await Client.GetAsync($"{Org}/incidents/{id}/comments");
        list!.Select(c => c["text"]!.Value<string>()).Should().Equal("<b>archived</b>");
        (await Client.PostAsync($"{Org}/incidents/{id}/comments", new { text = new { format = "text", content = "" } })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Client.PostAsync($"{Org}/incidents/{id}/comments", new { note = "x" })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Table_rows_create_read_update_delete()
    {
        var id = (await CreateAsync(Incident("tables", "finding-tables")))["id"]!.Value<long>();
        var path = $"{Org}/incidents/{id}/table_data/gd_s3_bucket_details";

        var (status, row) = await Client.PostAsync(path + "/row_data", new JObject
        {
            ["cells"] = new JObject
            {
                ["bucket_name"] = new JObject { ["value"] = "bucket-a" },
                ["query_execution_date"] = new JObject { ["value"] = "2024-04-11 05:47:16" },
            },
        });
        status.Should().Be(HttpStatusCode.OK);
        var rowId = row!["id"]!.Value<long>();
        row["version"]!.Value<int>().Should().Be(1);
        row["cells"]!["bucket_name"]!["value"]!.Value<string>().Should().Be("bucket-a");
        row["cells"]!["bucket_name"]!["row_id"]!.Value<long>().Should().Be(rowId);
        await Client.PostAsync(path + "/row_data", new JObject { ["cells"] = new JObject { ["bucket_name"] = new JObject { ["value"] = "bucket-b" } } });

        var (_, table) = await Client.GetAsync(path);
        table!["rows"]!.Select(r => r["cells"]!["bucket_name"]!["value"]!.Value<string>()).Should().Equal("bucket-a", "bucket-b");

        var (putStatus, updated) = await Client.PutAsync($"{path}/row_data/{rowId}?handle_format=names",
            new JObject { ["cells"] = new JObject { ["bucket_name"] = new JObject { ["value"] = "bucket-a2" } } });
        putStatus.Should().Be(HttpStatusCode.OK);
        updated!["version"]!.Value<int>().Should().Be(2);
        (await Client.PutAsync($"{path}/row_data/{rowId}", new JObject { ["cells"] = new JObject(), ["version"] = 1 })).Status.Should().Be(HttpStatusCode.Conflict);

        (await Client.DeleteAsync($"{path}/row_data/{rowId}")).Status.Should().Be(HttpStatusCode.OK);
        (await Client.DeleteAsync($"{path}/row_data/{rowId}")).Status.Should().Be(HttpStatusCode.NotFound);

        var view = Emulator.State.DefaultOrg.GetIncident(id)!;
        view.Rows("gd_s3_bucket_details").Select(r => r.Cells["bucket_name"]).Should().Equal("bucket-b");
    }

    [Test]
    public async Task Unknown_tables_are_404_and_unknown_columns_400()
    {
        var id = (await CreateAsync(Incident("bad-tables", "finding-bad-tables")))["id"]!.Value<long>();
        (await Client.PostAsync($"{Org}/incidents/{id}/table_data/no_such_table/row_data", new JObject { ["cells"] = new JObject() })).Status.Should().Be(HttpStatusCode.NotFound);
        (await Client.GetAsync($"{Org}/incidents/{id}/table_data/no_such_table")).Status.Should().Be(HttpStatusCode.NotFound);
        var (status, body) = await Client.PostAsync($"{Org}/incidents/{id}/table_data/gd_finding_overview/row_data",
            new JObject { ["cells"] = new JObject { ["not_a_column"] = new JObject { ["value"] = "x" } } });
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.Value<string>().Should().Contain("not_a_column");
        (await Client.PostAsync($"{Org}/incidents/{id}/table_data/gd_finding_overview/row_data",
            new JObject { ["cells"] = new JObject { ["severity"] = "2" } })).Status.Should().Be(HttpStatusCode.BadRequest, "cells are {\"value\": v}");
    }
}
