using System.Xml;
using System.Xml.Linq;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>
/// Checks an export the way SOAR refuses a broken one (issue 7): every function's destination exists (in the import or
/// the org), every view item names an existing field, every playbook's BPMN names an existing function and local
/// script, condition fields exist, and API names are unique. Returns every problem found, not just the first.
/// </summary>
internal static class SoarImportValidator
{
    private static readonly HashSet<string> ArtifactConditionFields = new(StringComparer.Ordinal) { "value", "type", "description", "created" };

    public static List<string> Validate(SoarExport export, SoarSchema org)
    {
        var problems = new List<string>();
        if (export.Json["export_format_version"]?.Type != JTokenType.Integer || export.Json["export_format_version"]!.Value<int>() != 2)
        {
            problems.Add("export_format_version must be 2.");
        }

        var objects = export.Objects().ToList();
        foreach (var (kind, name, _) in objects.Where(o => string.IsNullOrWhiteSpace(o.Name)))
        {
            problems.Add($"A {kind} has no API name.");
        }

        foreach (var duplicate in objects.Where(o => o.Name is not null).GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1))
        {
            problems.Add($"The {duplicate.Key.Kind} API name '{duplicate.Key.Name}' is used {duplicate.Count()} times.");
        }

        var importedFields = export.List("fields").ToList();
        problems.AddRange(importedFields
            .Where(f => !SoarFieldDefinition.InputTypes.Contains(SoarExport.Text(f, "input_type") ?? ""))
            .Select(f => $"Field '{SoarExport.Text(f, "export_key") ?? SoarExport.Text(f, "name")}' has an unknown input_type '{SoarExport.Text(f, "input_type")}'."));

        var playbookFieldUuids = export.List("playbooks")
            .SelectMany(p => (p["fields_type"]?["fields"] as JObject ?? []).Properties().Select(f => f.Value["uuid"]?.Value<string?>()));
        var fieldUuids = importedFields.Select(f => SoarExport.Text(f, "uuid"))
            .Concat(playbookFieldUuids)
            .Where(u => u is not null)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool FieldExists(string uuid) => fieldUuids.Contains(uuid) || org.HasFieldUuid(uuid);

        var destinations = export.List("message_destinations").Select(d => SoarExport.Text(d, "programmatic_name"))
            .Concat(org.Destinations.Keys).ToHashSet(StringComparer.Ordinal);
        var functionUuids = export.List("functions").Select(f => SoarExport.Text(f, "uuid"))
            .Concat(org.Functions.Values.Select(f => f.Uuid)).Where(u => u is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var scriptUuids = export.List("scripts").Select(s => SoarExport.Text(s, "uuid"))
            .Concat(org.Scripts.Values.Select(s => s.Uuid)).Where(u => u is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var customFields = importedFields
            .Select(f => SoarExport.Text(f, "export_key"))
            .Where(k => k is not null && k.StartsWith("incident/", StringComparison.Ordinal))
            .Select(k => k!["incident/".Length..])
            .Concat(org.IncidentFields.Keys)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var function in export.List("functions"))
        {
            var name = SoarExport.Text(function, "name");
            var handle = SoarExport.Text(function, "destination_handle");
            if (handle is null || !destinations.Contains(handle))
            {
                problems.Add($"Function '{name}' names message destination '{handle}', which exists neither in the import nor in the org.");
            }

            CheckViewItems(function["view_items"], $"Function '{name}'", FieldExists, problems);
        }

        foreach (var table in export.List("types").Where(t => t["type_id"]?.Value<int?>() == 8))
        {
            if (table["fields"] is not JObject columns || columns.Count == 0)
            {
                problems.Add($"Data table '{SoarExport.Text(table, "type_name")}' has no columns.");
                continue;
            }

            problems.AddRange(columns.Properties()
                .Where(c => !SoarFieldDefinition.InputTypes.Contains(c.Value["input_type"]?.Value<string?>() ?? ""))
                .Select(c => $"Column '{c.Name}' of data table '{SoarExport.Text(table, "type_name")}' has an unknown input_type."));
        }

        foreach (var playbook in export.List("playbooks"))
        {
            var label = $"Playbook '{SoarExport.Text(playbook, "name")}'";
            var local = (playbook["local_scripts"] as JArray ?? []).Select(s => s["uuid"]?.Value<string?>()).Where(u => u is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
            CheckBpmn(playbook["content"]?["xml"]?.Value<string?>(), label, functionUuids, uuid => local.Contains(uuid) || scriptUuids.Contains(uuid), problems, requireXml: true);
            foreach (var condition in Conditions(playbook))
            {
                CheckConditionField(condition, label, customFields, problems);
            }

            CheckViewItems(playbook["manual_settings"]?["view_items"], label, FieldExists, problems);
        }

        foreach (var workflow in export.List("workflows"))
        {
            CheckBpmn(workflow["content"]?["xml"]?.Value<string?>(), $"Workflow '{SoarExport.Text(workflow, "programmatic_name")}'", functionUuids, scriptUuids.Contains, problems, requireXml: false);
        }

        foreach (var rule in export.List("actions"))
        {
            foreach (var condition in rule["conditions"] as JArray ?? [])
            {
                CheckConditionField(condition, $"Rule '{SoarExport.Text(rule, "name")}'", customFields, problems);
            }
        }

        return problems;
    }

    /// <summary>A playbook's activation conditions, automatic or manual.</summary>
    public static IEnumerable<JToken> Conditions(JObject playbook) =>
        new[]
        {
            playbook["activation_details"]?["activation_conditions"]?["conditions"],
            playbook["manual_settings"]?["activation_conditions"]?["conditions"],
            playbook["activation_conditions"]?["conditions"],
        }.OfType<JArray>().SelectMany(a => a);

    /// <summary>The function and script uuids a BPMN document names (<c>resilient:function</c>, <c>resilient:script</c>).</summary>
    public static (List<string> Functions, List<string> Scripts) ReadBpmn(string xml)
    {
        var document = XDocument.Parse(xml);
        List<string> Uuids(string localName) => document.Descendants()
            .Where(e => e.Name.LocalName == localName && e.Attribute("uuid") is not null)
            .Select(e => e.Attribute("uuid")!.Value)
            .ToList();
        return (Uuids("function"), Uuids("script"));
    }

    private static void CheckBpmn(string? xml, string label, HashSet<string?> functions, Func<string, bool> scriptExists, List<string> problems, bool requireXml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            if (requireXml)
            {
                problems.Add($"{label} has no BPMN content.");
            }

            return;
        }

        try
        {
            var (functionUuids, scriptUuids) = ReadBpmn(xml);
            problems.AddRange(functionUuids.Where(u => !functions.Contains(u)).Select(u => $"{label}: its BPMN names function {u}, which does not exist."));
            problems.AddRange(scriptUuids.Where(u => !scriptExists(u)).Select(u => $"{label}: its BPMN names script {u}, which is not one of its local scripts."));
        }
        catch (XmlException e)
        {
            problems.Add($"{label}: its BPMN is not well-formed XML ({e.Message}).");
        }
    }

    private static void CheckViewItems(JToken? items, string label, Func<string, bool> fieldExists, List<string> problems)
    {
        foreach (var item in items as JArray ?? [])
        {
            if (item["element"]?.Value<string?>() == "field_uuid" && item["content"]?.Value<string?>() is { } uuid && !fieldExists(uuid))
            {
                problems.Add($"{label} has a view item naming field {uuid}, which does not exist.");
            }
        }
    }

    private static void CheckConditionField(JToken condition, string label, HashSet<string> incidentFields, List<string> problems)
    {
        var fieldName = condition["field_name"]?.Value<string?>();
        if (fieldName is null)
        {
            return; // object-level conditions (e.g. object_added) name no field
        }

        var exists = fieldName switch
        {
            _ when fieldName.StartsWith("incident.properties.", StringComparison.Ordinal) => incidentFields.Contains(fieldName["incident.properties.".Length..]),
            _ when fieldName.StartsWith("incident.", StringComparison.Ordinal) => incidentFields.Contains(fieldName["incident.".Length..]),
            _ when fieldName.StartsWith("artifact.", StringComparison.Ordinal) => ArtifactConditionFields.Contains(fieldName["artifact.".Length..]),
            _ => false,
        };
        if (!exists)
        {
            problems.Add($"{label} has a condition on field '{fieldName}', which does not exist.");
        }
    }
}
