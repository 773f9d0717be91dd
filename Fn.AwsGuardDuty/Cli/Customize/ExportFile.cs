using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Cli.Customize;

/// <summary>The customization export (customize/export.res, shipped next to the executable) and what it holds.</summary>
internal sealed class ExportFile
{
    private static readonly (string List, string Label)[] Kinds =
    [
        ("message_destinations", "message destinations"),
        ("functions", "functions"),
        ("fields", "fields"),
        ("types", "data tables"),
        ("incident_artifact_types", "artifact types"),
        ("layouts", "incident tabs"),
        ("playbooks", "playbooks"),
        ("scripts", "scripts"),
        ("actions", "rules"),
        ("workflows", "workflows"),
    ];

    private ExportFile(string path, JObject json)
    {
        Path = path;
        Json = json;
    }

    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "customize", "export.res");

    public string Path { get; }

    public JObject Json { get; }

    /// <summary>The programmatic names of the message destinations the export defines.</summary>
    public IReadOnlyList<string> Destinations => List("message_destinations")
        .Select(d => d.Value<string>("programmatic_name")).OfType<string>().ToList();

    /// <exception cref="InvalidDataException">The file is missing or is not a format-2 export.</exception>
    public static ExportFile Load(string? path)
    {
        var full = System.IO.Path.GetFullPath(path ?? DefaultPath);
        if (!File.Exists(full))
            throw new InvalidDataException($"the customization export {full} does not exist");
        JObject json;
        try
        {
            using var reader = new JsonTextReader(File.OpenText(full)) { DateParseHandling = DateParseHandling.None };
            json = JObject.Load(reader);
        }
        catch (JsonReaderException e)
        {
            throw new InvalidDataException($"{full} is not a SOAR export (invalid JSON: {e.Message})");
        }

        if (json.Value<int?>("export_format_version") != 2)
            throw new InvalidDataException($"{full} is not a SOAR export of format 2");
        return new ExportFile(full, json);
    }

    /// <summary>One line per kind of object, e.g. "17 functions: aws_guardduty_create_ipset, …".</summary>
    public IEnumerable<string> Summary()
    {
        foreach (var (list, label) in Kinds)
        {
            var names = List(list).Select(Name).OfType<string>().ToList();
            if (names.Count > 0)
                yield return $"{names.Count} {label}: {string.Join(", ", names)}";
        }
    }

    private IEnumerable<JObject> List(string name) => (Json[name] as JArray ?? []).OfType<JObject>();

    private static string? Name(JObject item) =>
        item.Value<string>("programmatic_name") ?? item.Value<string>("type_name") ?? item.Value<string>("export_key") ?? item.Value<string>("name");
}
