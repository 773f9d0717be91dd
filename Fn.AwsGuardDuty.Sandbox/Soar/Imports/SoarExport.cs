using System.Text;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>
/// A format-2 export (export.res), as posted to <c>/configurations/imports</c>: the JSON object itself, or that JSON
/// base64-encoded (as a JSON string or as the raw body). Lists its objects by kind and API name.
/// </summary>
internal sealed class SoarExport
{
    private static readonly HashSet<string> VolatileKeys = new(StringComparer.Ordinal)
    {
        "id", "export_date", "created_date", "create_date", "last_modified_time", "last_modified_by", "creator_principal",
        "last_modified_principal", "deployment_id_version",
    };

    private SoarExport(JObject json) => Json = json;

    public JObject Json { get; }

    public static SoarExport From(JObject json) => new(json);

    public static SoarExport Decode(string rawText)
    {
        var trimmed = rawText.TrimStart();
        if (trimmed.Length == 0)
        {
            throw SoarHttpException.BadRequest("The import body is empty.");
        }

        var token = trimmed[0] is '{' or '"' or '[' ? SoarJson.Parse(rawText)! : FromBase64(trimmed);

        if (token.Type == JTokenType.String)
        {
            token = FromBase64(token.Value<string>()!);
        }

        return token is JObject obj ? new SoarExport(obj) : throw SoarHttpException.BadRequest("The import must be a SOAR export object (or its base64 text).");
    }

    public static JToken FromBase64(string text)
    {
        try
        {
            return SoarJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim())))
                ?? throw SoarHttpException.BadRequest("The base64 import decodes to nothing.");
        }
        catch (FormatException)
        {
            throw SoarHttpException.BadRequest("The import is neither a JSON export nor base64 text of one.");
        }
    }

    public IEnumerable<JObject> List(string name) => (Json[name] as JArray ?? []).OfType<JObject>();

    /// <summary>Every object of the export that the emulator knows, with its kind and API name (null when the name is missing).</summary>
    public IEnumerable<(string Kind, string? Name, JObject Definition)> Objects()
    {
        foreach (var d in List("message_destinations"))
        {
            yield return ("message_destination", Text(d, "programmatic_name"), d);
        }

        foreach (var f in List("fields"))
        {
            yield return ("field", Text(f, "export_key") ?? FieldKey(f), f);
        }

        foreach (var t in List("types").Where(t => t["type_id"]?.Value<int?>() == 8))
        {
            yield return ("data_table", Text(t, "type_name"), t);
        }

        foreach (var a in List("incident_artifact_types"))
        {
            yield return ("artifact_type", Text(a, "programmatic_name"), a);
        }

        foreach (var f in List("functions"))
        {
            yield return ("function", Text(f, "name"), f);
        }

        foreach (var s in List("scripts"))
        {
            yield return ("script", Text(s, "name"), s);
        }

        foreach (var p in List("playbooks"))
        {
            yield return ("playbook", Text(p, "name"), p);
        }

        foreach (var w in List("workflows"))
        {
            yield return ("workflow", Text(w, "programmatic_name"), w);
        }

        foreach (var r in List("actions"))
        {
            yield return ("rule", Text(r, "name"), r);
        }
    }

    /// <summary>The object's JSON with ids and timestamps removed and keys sorted, to compare two imports of the same object.</summary>
    public static string Fingerprint(JToken token) => Canonical(token).ToString(Formatting.None);

    public static string? Text(JObject obj, string name) => obj[name]?.Type == JTokenType.String ? obj[name]!.Value<string>() : null;

    private static string? FieldKey(JObject field)
    {
        var name = Text(field, "name");
        return name is null ? null : $"{Text(field, "type_name") ?? "incident"}/{name}";
    }

    private static JToken Canonical(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties()
            .Where(p => !VolatileKeys.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new JProperty(p.Name, Canonical(p.Value)))),
        JArray array => new JArray(array.Select(Canonical)),
        _ => token.DeepClone(),
    };
}
