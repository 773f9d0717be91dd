using Fn.AwsGuardDuty.Sandbox.Customization;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>The playbooks/ folder itself: every script compiles as Python 3, the README tables every playbook, and the harness is strict.</summary>
public class PlaybookFolderTests
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    [Test]
    public async Task Every_script_compiles_with_python3()
    {
        var scripts = Directory.GetFiles(_harness.Repository.PlaybooksDirectory, "*.py", SearchOption.AllDirectories);
        scripts.Length.Should().BeGreaterThanOrEqualTo(PlaybookCatalog.Names(_harness.Repository).Count * 2);
        var check = string.Join(";", scripts.Select(s => $"compile(open({PythonString(s)}).read(), {PythonString(s)}, 'exec')"));
        var (exit, _, stderr) = await PlaybookHarness.RunPythonAsync("-c", check);
        exit.Should().Be(0, stderr);
    }

    [Test]
    public void The_readme_tables_every_playbook()
    {
        var readme = File.ReadAllText(Path.Combine(_harness.Repository.PlaybooksDirectory, "README.md"));
        foreach (var playbook in PlaybookReader.ReadAll(_harness.Repository.PlaybooksDirectory))
        {
            readme.Should().Contain($"`{playbook.Name}`");
            readme.Should().Contain($"`{playbook.FunctionName}`");
        }
    }

    [Test]
    public void The_refresh_and_update_scripts_differ_only_in_their_names()
    {
        string Normalised(string playbook) => string.Join('\n', File.ReadAllLines(Path.Combine(_harness.Repository.PlaybooksDirectory, playbook, "post_process.py"))
            .Where(l => !l.StartsWith("# Local script", StringComparison.Ordinal) && !l.StartsWith("PLAYBOOK_NAME", StringComparison.Ordinal)));
        Normalised(PlaybookCatalog.RefreshFindingDetails).Should().Be(Normalised(PlaybookCatalog.UpdateFindingDetails));
    }

    [Test]
    public async Task The_harness_rejects_what_soar_does_not_provide()
    {
        var bad = new[]
        {
            "incident.properties.aws_guardduty_not_a_field = 'x'",
            "incident.addArtifact('Not A Type', 'v', 'd')",
            "incident.addRow('gd_finding_overview').not_a_column = 'x'",
            "incident.addRow('gd_no_table')",
            "incident.severity_code = 'Severe'",
            "incident.properties.aws_guardduty_trigger_refresh = 'yes'",
            "playbook.functions.results.output.content.not_a_key",
            "import os",
            "open('/etc/passwd')",
            "helper.createRichText(5)",
            // SOAR scripts can add data table rows but have no documented way to read or delete them, and a script
            // must not be able to treat that as "this SOAR lacks the API" and carry on.
            "incident.deleteRow(incident.addRow('gd_finding_overview'))",
            "rows = list(incident.gd_finding_overview)",
            "try:\n    incident.deleteRow\nexcept AttributeError:\n    pass",
            "try:\n    [r for r in incident.gd_action_details]\nexcept AttributeError:\n    pass",
        };
        foreach (var line in bad)
        {
            var act = () => RunInlineAsync(line);
            await act.Should().ThrowAsync<HarnessFailedException>(line);
        }

        await RunInlineAsync("incident.properties.aws_guardduty_archived = 'True'\nincident.addNote(helper.createRichText('ok'))");
    }

    // Runs a one-off script through the harness with the archive playbook's schema and result.
    private async Task RunInlineAsync(string script)
    {
        var path = Path.Combine(_harness.Repository.PlaybooksDirectory, PlaybookCatalog.ArchiveFinding);
        var definition = PlaybookReader.Read(path) with { PostProcessScript = script + "\n" };
        var inline = PlaybookHarness.Create(ExportBuilder.Build([definition]));
        await inline.RunPostProcessAsync(PlaybookCatalog.ArchiveFinding,
            TestIncident.Envelope(new Newtonsoft.Json.Linq.JObject { ["status"] = "ok" }, TestIncident.FindingInputs()));
    }

    private static string PythonString(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
