using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>
/// Applies a validated export to an org's customization. Existing objects keep their ids (and a destination its
/// users and API keys); new ones get fresh ids. Call with the org's lock held.
/// </summary>
internal static class SoarImportApplier
{
    public static void Apply(SoarExport export, SoarSchema schema)
    {
        foreach (var d in export.List("message_destinations"))
        {
            var name = SoarExport.Text(d, "programmatic_name")!;
            if (!schema.Destinations.TryGetValue(name, out var destination))
            {
                destination = new SoarMessageDestination
                {
                    Id = schema.NextId(),
                    ProgrammaticName = name,
                    Name = SoarExport.Text(d, "name") ?? name,
                    Uuid = SoarExport.Text(d, "uuid") ?? Guid.NewGuid().ToString(),
                };
                schema.Destinations[name] = destination;
            }

            destination.Name = SoarExport.Text(d, "name") ?? name;
            destination.ExpectAck = d["expect_ack"]?.Value<bool?>() ?? true;
            destination.DestinationType = d["destination_type"]?.Value<int?>() ?? 0;
        }

        foreach (var f in export.List("fields"))
        {
            var key = SoarExport.Text(f, "export_key") ?? $"incident/{SoarExport.Text(f, "name")}";
            var slash = key.IndexOf('/');
            var typeName = slash > 0 ? key[..slash] : "incident";
            var name = SoarExport.Text(f, "name") ?? key[(slash + 1)..];
            if (f["internal"]?.Value<bool?>() == true)
            {
                continue; // the platform's internal customization marker; never a real incident field
            }

            if (typeName == "incident")
            {
                if (schema.IncidentFields.TryGetValue(name, out var existing) && !existing.IsCustom)
                {
                    continue; // standard fields are the platform's, not the import's
                }

                schema.IncidentFields[name] = Field(f, name, "incident", "properties", existing?.Id ?? schema.NextId());
            }
            else if (typeName == "__function")
            {
                schema.FunctionFields[name] = Field(f, name, "__function", null, schema.FunctionFields.GetValueOrDefault(name)?.Id ?? schema.NextId());
            }
        }

        foreach (var t in export.List("types").Where(t => t["type_id"]?.Value<int?>() == 8))
        {
            var name = SoarExport.Text(t, "type_name")!;
            var id = schema.Tables.GetValueOrDefault(name)?.Id ?? schema.NextId();
            var columns = (t["fields"] as JObject ?? [])
                .Properties()
                .Select(p => Field((JObject)p.Value, p.Value["name"]?.Value<string?>() ?? p.Name, name, null, schema.NextId()))
                .OrderBy(c => c.Order ?? int.MaxValue)
                .ToDictionary(c => c.Name, c => c, StringComparer.Ordinal);
            schema.Tables[name] = new SoarDataTableDefinition
            {
                Id = id,
                TypeName = name,
                DisplayName = SoarExport.Text(t, "display_name") ?? name,
                Uuid = SoarExport.Text(t, "uuid") ?? Guid.NewGuid().ToString(),
                Columns = columns,
            };
        }

        foreach (var a in export.List("incident_artifact_types"))
        {
            var name = SoarExport.Text(a, "programmatic_name")!;
            var existing = schema.ArtifactTypes.FindIndex(x => x.ProgrammaticName == name);
            var type = new SoarArtifactType
            {
                Id = existing >= 0 ? schema.ArtifactTypes[existing].Id : schema.NextId(),
                Name = SoarExport.Text(a, "name") ?? name,
                ProgrammaticName = name,
                Uuid = SoarExport.Text(a, "uuid") ?? Guid.NewGuid().ToString(),
                Description = SoarExport.Text(a, "desc") ?? "",
            };
            if (existing >= 0)
            {
                schema.ArtifactTypes[existing] = type;
            }
            else
            {
                schema.ArtifactTypes.Add(type);
            }
        }

        foreach (var s in export.List("scripts"))
        {
            var name = SoarExport.Text(s, "name")!;
            schema.Scripts[name] = Script(s);
        }

        foreach (var f in export.List("functions"))
        {
            var name = SoarExport.Text(f, "name")!;
            schema.Functions[name] = new SoarFunctionDefinition
            {
                Id = schema.Functions.GetValueOrDefault(name)?.Id ?? schema.NextId(),
                Name = name,
                DisplayName = SoarExport.Text(f, "display_name") ?? name,
                Uuid = SoarExport.Text(f, "uuid") ?? Guid.NewGuid().ToString(),
                DestinationId = schema.Destinations[SoarExport.Text(f, "destination_handle")!].Id,
                Description = f["description"]?["content"]?.Value<string?>() ?? "",
                Version = f["version"]?.Value<int?>() ?? 1,
                InputFieldUuids = (f["view_items"] as JArray ?? [])
                    .Where(v => v["element"]?.Value<string?>() == "field_uuid")
                    .Select(v => v["content"]!.Value<string>()!)
                    .ToList(),
            };
        }

        foreach (var p in export.List("playbooks"))
        {
            foreach (var field in (p["fields_type"]?["fields"] as JObject ?? []).Properties())
            {
                var definition = (JObject)field.Value;
                var uuid = definition["uuid"]?.Value<string?>();
                if (uuid is not null)
                {
                    schema.PlaybookFields[uuid] = Field(definition, definition["name"]?.Value<string?>() ?? field.Name, "__playbook", null, schema.NextId());
                }
            }

            var name = SoarExport.Text(p, "name")!;
            var xml = p["content"]?["xml"]?.Value<string?>();
            var activation = SoarExport.Text(p, "activation_type") ?? "manual";
            var conditionsHolder = activation == "automatic" ? p["activation_details"]?["activation_conditions"] : p["manual_settings"]?["activation_conditions"];
            schema.Playbooks[name] = new SoarPlaybook
            {
                Id = schema.Playbooks.GetValueOrDefault(name)?.Id ?? schema.NextId(),
                Name = name,
                DisplayName = SoarExport.Text(p, "display_name") ?? name,
                Uuid = SoarExport.Text(p, "uuid") ?? Guid.NewGuid().ToString(),
                ActivationType = activation,
                Status = SoarExport.Text(p, "status") ?? "enabled",
                LogicType = conditionsHolder?["logic_type"]?.Value<string?>() ?? "all",
                Conditions = SoarImportValidator.Conditions(p)
                    .Select(c => new SoarPlaybookCondition(c["field_name"]?.Value<string?>(), c["method"]?.Value<string?>() ?? "", (c["value"] as JValue)?.Value))
                    .ToList(),
                FunctionUuids = string.IsNullOrWhiteSpace(xml) ? [] : SoarImportValidator.ReadBpmn(xml).Functions,
                LocalScripts = (p["local_scripts"] as JArray ?? []).OfType<JObject>().Select(Script).ToList(),
                Definition = (JObject)p.DeepClone(),
            };
        }

        foreach (var o in export.Objects().Where(o => o.Name is not null))
        {
            schema.Fingerprints[$"{o.Kind}:{o.Name}"] = SoarExport.Fingerprint(o.Definition);
        }
    }

    private static SoarLocalScript Script(JObject s) => new(
        SoarExport.Text(s, "name") ?? "",
        SoarExport.Text(s, "uuid") ?? "",
        SoarExport.Text(s, "language") ?? "python3",
        SoarExport.Text(s, "script_text") ?? "");

    private static SoarFieldDefinition Field(JObject f, string name, string typeName, string? prefix, int id) => new()
    {
        Id = id,
        Name = name,
        TypeName = typeName,
        Prefix = prefix,
        InputType = SoarExport.Text(f, "input_type") ?? "text",
        Text = SoarExport.Text(f, "text") ?? name,
        Uuid = SoarExport.Text(f, "uuid") ?? Guid.NewGuid().ToString(),
        Required = SoarExport.Text(f, "required"),
        ReadOnly = f["read_only"]?.Value<bool?>() ?? false,
        Tooltip = SoarExport.Text(f, "tooltip"),
        Order = f["order"]?.Value<int?>(),
        Values = (f["values"] as JArray ?? []).OfType<JObject>()
            .Where(v => v["value"]?.Type == JTokenType.Integer)
            .Select(v => new SoarSelectValue(v["value"]!.Value<long>(), v["label"]?.Value<string?>() ?? "", v["enabled"]?.Value<bool?>() ?? true))
            .ToList(),
    };
}
