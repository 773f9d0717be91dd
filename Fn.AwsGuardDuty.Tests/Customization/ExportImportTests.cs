using System.Net;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Tests.Sandbox.Soar;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Customization;

/// <summary>
/// The checked-in customize/export.res imported into the sandbox SOAR over HTTPS, as <c>customize</c> does: it passes
/// the emulator's validation (destinations, view items, BPMN functions and scripts, condition fields, unique names),
/// is accepted, and a second identical import reports no changes.
/// </summary>
public class ExportImportTests : SoarEmulatorTestBase
{
    protected override SoarPreload Preload => SoarPreload.None;

    [Test]
    public async Task The_export_imports_cleanly_and_a_second_import_changes_nothing()
    {
        var repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
        var export = JObject.Parse(await File.ReadAllTextAsync(repository.ExportPath));

        var (status, pending) = await Client.PostAsync(Org + "/configurations/imports", export);
        status.Should().Be(HttpStatusCode.OK, pending?.ToString());
        pending!["status"]!.Value<string>().Should().Be("PENDING");
        var added = pending["changes"]!["added"]!.Select(a => a["name"]!.Value<string>()).ToList();
        added.Should().Contain(FunctionCatalog.All.Select(f => f.Name)).And.Contain(PlaybookCatalog.Names(repository)).And.Contain("fn_aws_gd");

        pending["status"] = "ACCEPTED";
        var (acceptStatus, accepted) = await Client.PutAsync($"{Org}/configurations/imports/{pending["id"]}", pending);
        acceptStatus.Should().Be(HttpStatusCode.OK, accepted?.ToString());

        var org = Emulator.State.DefaultOrg;
        org.ReadSchema(s => s.Playbooks.Count).Should().Be(PlaybookCatalog.Names(repository).Count);
        org.ReadSchema(s => s.Functions.Count).Should().Be(FunctionCatalog.All.Count);
        org.ReadSchema(s => s.Playbooks[PlaybookCatalog.UpdateFindingDetails].ActivationType).Should().Be("automatic");
        (await Client.GetAsync(Org + "/functions/aws_guardduty_list_findings?handle_format=names")).Body!["destination_handle"]!.Value<string>().Should().Be("fn_aws_gd");
        (await Client.GetAsync(Org + "/types/gd_instance_details")).Status.Should().Be(HttpStatusCode.OK);
        // extensions.md §A: the account field and both attack-sequence tables with their columns.
        org.ReadSchema(s => s.IncidentFields.ContainsKey("aws_guardduty_account_id")).Should().BeTrue();
        foreach (var (table, column) in new[] { ("gd_sequence_signals", "incident_id"), ("gd_sequence_indicators", "indicator_values") })
        {
            var (typeStatus, type) = await Client.GetAsync($"{Org}/types/{table}?handle_format=names");
            typeStatus.Should().Be(HttpStatusCode.OK, table);
            type!["fields"]![column].Should().NotBeNull($"{table} has {column}: {type}");
        }

        var (_, again) = await Client.PostAsync(Org + "/configurations/imports", JObject.Parse(await File.ReadAllTextAsync(repository.ExportPath)));
        again!["changes"]!["no_changes"]!.Value<bool>().Should().BeTrue(again.ToString());
    }
}
