using System.Diagnostics;
using System.Xml.Linq;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>
/// Runs a playbook's scripts, exactly as the generated export embeds them, in harness.py (/usr/bin/python3) against
/// a recorded incident and function result. The harness's strict model of incident, playbook, helper and inputs
/// comes from the export: its custom fields, data tables, artifact types, function inputs and form fields.
/// </summary>
internal sealed class PlaybookHarness
{
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _harnessPath;
    private readonly JObject _export;

    private PlaybookHarness(string harnessPath, JObject export)
    {
        _harnessPath = harnessPath;
        _export = export;
    }

    public RepositoryLayout Repository { get; private init; } = null!;

    public JObject Export => _export;

    /// <summary>A harness for the repository's export, or for <paramref name="export"/> (e.g. one built from an edited playbook).</summary>
    public static PlaybookHarness Create(JObject? export = null)
    {
        var repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
        var harness = Path.Combine(repository.Root, "Fn.AwsGuardDuty.Tests", "Playbooks", "harness.py");
        return new PlaybookHarness(harness, export ?? GuardDutyExport.Build(repository)) { Repository = repository };
    }

    public JObject Playbook(string name) =>
        _export["playbooks"]!.OfType<JObject>().SingleOrDefault(p => p["name"]!.Value<string>() == name)
        ?? throw new ArgumentException($"The export has no playbook {name}.");

    /// <summary>The local (post-process) script of the playbook, as embedded in the export.</summary>
    public string PostProcessScript(string playbook) => Playbook(playbook)["local_scripts"]![0]!["script_text"]!.Value<string>()!;

    /// <summary>The function calls of the playbook's BPMN, in order (one element per service task).</summary>
    private List<XElement> Functions(string playbook) =>
        XDocument.Parse(Playbook(playbook)["content"]!["xml"]!.Value<string>()!).Descendants().Where(e => e.Name.LocalName == "function").ToList();

    /// <summary>The input script of the playbook's <paramref name="step"/>-th function call, read back from the BPMN as SOAR would.</summary>
    public string InputScript(string playbook, int step = 0) =>
        JObject.Parse(Functions(playbook)[step].Value)["pre_processing_script"]!.Value<string>()!;

    public string ResultName(string playbook, int step = 0) =>
        JObject.Parse(Functions(playbook)[step].Value)["result_name"]!.Value<string>()!;

    public Task<HarnessRun> RunPostProcessAsync(string playbook, JObject? result, JObject? incident = null) =>
        RunAsync(playbook, "post", PostProcessScript(playbook), incident, null,
            new JObject { [ResultName(playbook)] = result is null ? JValue.CreateNull() : result }, 0);

    /// <summary>The local script of a playbook that calls several functions, given each call's result by its result name.</summary>
    public Task<HarnessRun> RunPostProcessAsync(string playbook, JObject resultsByName, JObject? incident, JObject? playbookInputs) =>
        RunAsync(playbook, "post", PostProcessScript(playbook), incident, playbookInputs, resultsByName, 0);

    public Task<HarnessRun> RunInputScriptAsync(string playbook, JObject incident, JObject? playbookInputs = null, int step = 0) =>
        RunAsync(playbook, "input", InputScript(playbook, step), incident, playbookInputs, new JObject(), step);

    private async Task<HarnessRun> RunAsync(string playbook, string kind, string script, JObject? incident, JObject? playbookInputs,
        JObject results, int step)
    {
        var directory = Directory.CreateTempSubdirectory("fn-gd-harness-");
        try
        {
            var scriptPath = Path.Combine(directory.FullName, kind + ".py");
            await File.WriteAllTextAsync(scriptPath, script);
            var casePath = Path.Combine(directory.FullName, "case.json");
            var testCase = new JObject
            {
                ["script"] = scriptPath,
                ["kind"] = kind,
                ["schema"] = Schema(playbook, step),
                ["incident"] = incident ?? TestIncident.WithFinding(),
                ["playbook_inputs"] = playbookInputs ?? new JObject(),
                ["results"] = results,
            };
            await File.WriteAllTextAsync(casePath, testCase.ToString(Formatting.None));
            var (exit, stdout, stderr) = await RunPythonAsync(_harnessPath, casePath);
            if (exit != 0)
                throw new HarnessFailedException($"{playbook} {kind} script failed (exit {exit}):\n{stderr}");
            using var reader = new JsonTextReader(new StringReader(stdout)) { DateParseHandling = DateParseHandling.None };
            return new HarnessRun(JObject.Load(reader));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private JObject Schema(string playbook, int step)
    {
        var definition = Playbook(playbook);
        var functionUuid = Functions(playbook)[step].Attribute("uuid")!.Value;
        var function = _export["functions"]!.Single(f => f["uuid"]!.Value<string>() == functionUuid);
        var fieldsByUuid = _export["fields"]!.ToDictionary(f => f["uuid"]!.Value<string>()!, f => f["name"]!.Value<string>()!);
        var incidentFields = new JObject(_export["fields"]!
            .Where(f => f["export_key"]!.Value<string>()!.StartsWith("incident/", StringComparison.Ordinal) && f["internal"]!.Value<bool>() == false)
            .Select(f => new JProperty(f["name"]!.Value<string>()!, f["input_type"]!.Value<string>())));
        var tables = new JObject(_export["types"]!.Select(t => new JProperty(t["type_name"]!.Value<string>()!,
            new JArray(((JObject)t["fields"]!).Properties().Select(p => p.Name)))));
        var artifactTypes = _export["incident_artifact_types"]!.SelectMany(a => new[] { a["name"]!.Value<string>(), a["programmatic_name"]!.Value<string>() })
            .Concat(ArtifactTypes.All.Where(t => !t.IsCustom).Select(t => t.DisplayName));
        return new JObject
        {
            ["incident_fields"] = incidentFields,
            ["tables"] = tables,
            ["artifact_types"] = new JArray(artifactTypes),
            ["function_inputs"] = new JArray(function["view_items"]!.Select(v => fieldsByUuid[v["content"]!.Value<string>()!])),
            ["form_fields"] = new JArray(((JObject)definition["fields_type"]!["fields"]!).Properties().Select(p => p.Name)),
        };
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunPythonAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new HarnessFailedException($"python3 {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
