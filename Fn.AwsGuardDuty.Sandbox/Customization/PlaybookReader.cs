using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// Reads the playbooks/ folder: one folder per playbook, each with playbook.json, post_process.py and (optionally)
/// input.py. Problems are reported with the file and what is wrong. The export lists the playbooks in the order of
/// the functions they call (<see cref="FunctionCatalog"/>), then by name.
/// </summary>
public static class PlaybookReader
{
    public const string DefinitionFile = "playbook.json";
    public const string InputScriptFile = "input.py";
    public const string PostProcessScriptFile = "post_process.py";

    public static IReadOnlyList<PlaybookDefinition> ReadAll(string playbooksDirectory)
    {
        if (!Directory.Exists(playbooksDirectory))
            throw new CustomizationException($"The playbooks folder {playbooksDirectory} does not exist.");

        var folders = Directory.GetDirectories(playbooksDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.') && n != "__pycache__");
        var functionOrder = FunctionCatalog.All.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return folders.Select(name => Read(Path.Combine(playbooksDirectory, name)))
            .OrderBy(p => functionOrder[p.FunctionName])
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static PlaybookDefinition Read(string folder)
    {
        var name = Path.GetFileName(folder);
        var definitionPath = Path.Combine(folder, DefinitionFile);
        if (!File.Exists(definitionPath))
            throw new CustomizationException($"{definitionPath} is missing.");

        JObject json;
        try
        {
            json = JObject.Parse(ReadText(definitionPath));
        }
        catch (JsonReaderException e)
        {
            throw new CustomizationException($"{definitionPath} is not valid JSON: {e.Message}");
        }

        string Text(string key) => json[key]?.Type == JTokenType.String && !string.IsNullOrWhiteSpace(json[key]!.Value<string>())
            ? json[key]!.Value<string>()!
            : throw new CustomizationException($"{definitionPath}: '{key}' must be a non-empty string.");

        if (Text("name") != name)
            throw new CustomizationException($"{definitionPath}: name '{Text("name")}' differs from its folder '{name}'.");
        var activation = Text("activation_type");
        if (activation is not (PlaybookDefinition.Automatic or PlaybookDefinition.Manual))
            throw new CustomizationException($"{definitionPath}: activation_type must be automatic or manual.");

        var conditions = json["conditions"] as JObject ?? throw new CustomizationException($"{definitionPath}: 'conditions' is missing.");
        var function = json["function"] as JObject ?? throw new CustomizationException($"{definitionPath}: 'function' is missing.");
        var functionName = function["name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: function.name is missing.");
        var functionDefinition = FunctionCatalog.Get(functionName);

        var inputs = (json["inputs"] as JObject ?? [])
            .Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>() ?? "", StringComparer.Ordinal);
        var notInputs = inputs.Keys.Except(functionDefinition.Inputs).ToList();
        if (notInputs.Count > 0)
            throw new CustomizationException($"{definitionPath}: {string.Join(", ", notInputs)} are not inputs of {functionName}.");

        var postPath = Path.Combine(folder, PostProcessScriptFile);
        if (!File.Exists(postPath))
            throw new CustomizationException($"{postPath} is missing.");
        var inputPath = Path.Combine(folder, InputScriptFile);

        return new PlaybookDefinition(
            name,
            Text("display_name"),
            Text("description"),
            activation,
            Text("object_type"),
            json["enabled"]?.Value<bool?>() ?? true,
            conditions["logic_type"]?.Value<string>() ?? "all",
            (conditions["conditions"] as JArray ?? []).OfType<JObject>().Select(c => new PlaybookCondition(
                c["field_name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: a condition has no field_name."),
                c["method"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: a condition has no method."),
                c["value"] is { Type: not JTokenType.Null } v ? v.DeepClone() : null)).ToList(),
            functionName,
            function["result_name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: function.result_name is missing."),
            inputs,
            (json["form"] as JArray ?? []).OfType<JObject>().Select(f => new PlaybookFormField(
                f["name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: a form field has no name."),
                f["text"]?.Value<string>() ?? f["name"]!.Value<string>()!,
                f["input_type"]?.Value<string>() ?? "text",
                f["required"]?.Value<bool?>() ?? false,
                f["tooltip"]?.Value<string>() ?? "",
                (f["values"] as JArray ?? []).Select(v => v.Value<string>() ?? "").ToList())).ToList(),
            Text("script_name"),
            Text("changes"),
            File.Exists(inputPath) ? ReadText(inputPath) : null,
            ReadText(postPath),
            (json["then"] as JArray ?? []).OfType<JObject>().Select(step => ReadStep(folder, definitionPath, step)).ToList());
    }

    /// <summary>A further function call: <c>{"name", "result_name", "input_script"}</c>, the script a file of the folder.</summary>
    private static PlaybookStep ReadStep(string folder, string definitionPath, JObject step)
    {
        var name = step["name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: a step of 'then' has no name.");
        _ = FunctionCatalog.Get(name);
        var result = step["result_name"]?.Value<string>() ?? throw new CustomizationException($"{definitionPath}: step {name} has no result_name.");
        var script = step["input_script"]?.Value<string>();
        var scriptPath = script is null ? null : Path.Combine(folder, script);
        if (scriptPath is not null && !File.Exists(scriptPath))
            throw new CustomizationException($"{scriptPath} is missing.");
        return new PlaybookStep(name, result, scriptPath is null ? null : ReadText(scriptPath));
    }

    // Scripts are embedded as they are in the repository, with \n line ends whatever the checkout did.
    private static string ReadText(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
}
