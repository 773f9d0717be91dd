using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Sandbox.Soar;

namespace Fn.AwsGuardDuty.Tests.Customization;

/// <summary>
/// <c>fn-aws-guardduty customize</c> end to end against the sandbox SOAR over HTTPS, with the export.res shipped in
/// the app's output: the first run imports and grants, the second changes nothing and says so.
/// </summary>
public class CustomizeCommandTests : SoarEmulatorTestBase
{
    private TestConfigFiles _files = null!;

    protected override SoarPreload Preload => SoarPreload.None;

    [OneTimeSetUp]
    public void WriteFiles() => _files = new TestConfigFiles();

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();

    private string Config(string org = "Org A")
    {
        var ca = _files.Write(Emulator.CaPem!, "work/soar-ca.pem");
        return _files.Write($"""
            [resilient]
            host = 127.0.0.1
            port = {Emulator.Port}
            org = {org}
            api_key_id = {KeyId}
            api_key_secret = {KeySecret}
            cafile = {ca}
            request_max_retries = 1

            [fn_aws_guardduty]
            aws_gd_master_region = us-east-1
            aws_gd_regions = ".*"
            """);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var app = new CliApplication(new CliContext { Out = output, Error = error, In = new StringReader(input), Environment = _files.Environment });
        var exit = await app.RunAsync(args);
        return (exit, output.ToString(), error.ToString());
    }

    [Test, Order(1)]
    public async Task Declining_the_prompt_imports_nothing()
    {
        var (exit, output, _) = await RunAsync("n\n", "customize", "-c", Config());

        exit.Should().Be(ExitCodes.RuntimeFailure);
        output.Should().Contain("Import these into SOAR? [y/N]").And.Contain("added: ").And.Contain("Import rejected");
        Emulator.State.DefaultOrg.ReadSchema(s => s.Playbooks.Count).Should().Be(0);
        Emulator.State.DefaultOrg.GetImports().Last().Status.Should().Be("REJECTED");
    }

    [Test, Order(2)]
    public async Task The_first_run_imports_and_grants_and_the_second_changes_nothing()
    {
        var config = Config();
        var (exit, output, error) = await RunAsync("", "customize", "-y", "-c", config);

        TestContext.Out.WriteLine(output);
        exit.Should().Be(ExitCodes.Ok, output + error);
        output.Should().Contain($"{FunctionNames.All.Count} functions").And.Contain($"{PlaybookCatalog.Names(RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory)).Count} playbooks").And.Contain("Import accepted.")
            .And.Contain("Granted API key 42 on message destination fn_aws_gd.").And.Contain("Customization done.");
        output.Should().NotContain(KeySecret);
        var org = Emulator.State.DefaultOrg;
        org.ReadSchema(s => s.Playbooks.Count).Should().Be(PlaybookCatalog.Names(RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory)).Count);
        org.ReadSchema(s => s.Functions.Count).Should().Be(FunctionCatalog.All.Count);
        org.GetDestinationGrants("fn_aws_gd")!.Value.ApiKeys.Should().Equal(42);
        // extensions.md §A: the account field and both attack-sequence tables, with their columns.
        output.Should().Contain("8 data tables").And.Contain("gd_sequence_signals").And.Contain("gd_sequence_indicators")
            .And.Contain("incident/aws_guardduty_account_id").And.Contain("1 incident tabs: incident/AWS GuardDuty");
        org.ReadSchema(s => s.IncidentFields.ContainsKey("aws_guardduty_account_id")).Should().BeTrue();
        org.ReadSchema(s => s.Tables["gd_sequence_signals"].Columns.Keys.ToList()).Should().BeEquivalentTo("signal_uid", "signal_name",
            "signal_type", "signal_description", "severity", "count", "first_seen", "last_seen", "resource_uids", "actor_ids", "endpoint_ids",
            "incident_id", "query_execution_date");
        org.ReadSchema(s => s.Tables["gd_sequence_indicators"].Columns.Keys.ToList()).Should().BeEquivalentTo("indicator_key",
            "indicator_title", "indicator_values", "query_execution_date");

        var importsBefore = org.GetImports().Count;
        var (again, secondOutput, _) = await RunAsync("", "customize", "-y", "-c", config);

        TestContext.Out.WriteLine(secondOutput);
        again.Should().Be(ExitCodes.Ok, secondOutput);
        secondOutput.Should().Contain("Import: no changes").And.Contain("already has access").And.Contain("Nothing changed");
        org.GetImports().Should().HaveCount(importsBefore + 1);
        org.GetImports().Last().Status.Should().Be("REJECTED", "the empty import is discarded, not left pending");
        org.GetDestinationGrants("fn_aws_gd")!.Value.ApiKeys.Should().Equal(42);

        var (asked, askedOutput, _) = await RunAsync("", "customize", "-c", config);
        asked.Should().Be(ExitCodes.Ok, "with nothing to import there is nothing to ask");
        askedOutput.Should().NotContain("[y/N]");
    }

    [Test]
    public async Task A_missing_export_or_an_unknown_org_is_a_clear_failure()
    {
        var (exit, _, error) = await RunAsync("", "customize", "-y", "-c", Config(), "--export", "/nonexistent/export.res");
        exit.Should().Be(ExitCodes.RuntimeFailure);
        error.Should().Contain("/nonexistent/export.res does not exist");

        var (orgExit, _, orgError) = await RunAsync("", "customize", "-y", "-c", Config(org: "No Such Org"));
        orgExit.Should().Be(ExitCodes.RuntimeFailure);
        orgError.Should().StartWith("customize: ").And.Contain("No Such Org").And.NotContain(KeySecret);
    }
}
