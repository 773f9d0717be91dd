using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// The fields set when the poller closes an incident whose finding was archived: <c>aws_gd_close_incident_template</c>
/// or the built-in template of guardduty-app.md §6. Loading is all there is (no variables), as in the reference.
/// </summary>
public sealed class CloseTemplate
{
    /// <summary>The reference's <c>incident_close.json</c>.</summary>
    public const string BuiltInJson = """
        {
          "plan_status": "C",
          "resolution_id": "Resolved",
          "resolution_summary": "Resolved by Resilient integration AWS GuardDuty poller because corresponding GuardDuty finding has been Archived."
        }
        """;

    private CloseTemplate(IReadOnlyDictionary<string, JToken?> fields, string source, string fingerprint)
    {
        Fields = fields;
        Source = source;
        Fingerprint = fingerprint;
    }

    public IReadOnlyDictionary<string, JToken?> Fields { get; }

    /// <summary>"built-in" or the file path.</summary>
    public string Source { get; }

    /// <summary>A short hash of the content: a close refused for required fields is retried only once this changes.</summary>
    public string Fingerprint { get; }

    public static CloseTemplate BuiltIn() => Parse(BuiltInJson, "built-in");

    /// <summary>The template in <paramref name="path"/>, or the built-in one when null.</summary>
    /// <exception cref="ArgumentException">The file cannot be read or is not a JSON object of fields.</exception>
    public static CloseTemplate Load(string? path)
    {
        if (path is null) return BuiltIn();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"aws_gd_close_incident_template {path} is not readable: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static CloseTemplate Parse(string json, string source)
    {
        JToken parsed;
        try
        {
            parsed = JToken.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"aws_gd_close_incident_template {source} is not valid JSON: {e.Message}", e);
        }

        if (parsed is not JObject obj || obj.Count == 0)
            throw new ArgumentException($"aws_gd_close_incident_template {source} must be a JSON object of incident fields.");
        var fields = new Dictionary<string, JToken?>(StringComparer.Ordinal);
        foreach (var (name, value) in obj) fields[name] = value?.DeepClone();
        var canonical = obj.ToString(Formatting.None);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        return new CloseTemplate(fields, source, fingerprint);
    }
}
