using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>SOAR field entries of the export: function inputs, incident custom fields, table columns and playbook form fields.</summary>
internal static class FieldJson
{
    public const string InternalFieldUuid = "bfeec2d4-3770-11e8-ad39-4a0004044aa1";

    public static JObject FunctionInput(FunctionInputField input) =>
        Field("__function/" + input.Name, input.Name, input.Name, input.InputType, input.Tooltip, input.Uuid(), prefix: null, typeId: 11,
            required: null, SelectValues("field/__function/" + input.Name, input.Values));

    public static JObject IncidentField(IncidentFieldDefinition field)
    {
        var json = Field("incident/" + field.Name, field.Name, field.Label, field.InputType, field.Tooltip, field.Uuid, "properties", 0, null, []);
        if (field.InputType == "boolean")
            json["placeholder"] = "False";
        return json;
    }

    /// <summary>The platform's internal customization marker that SOAR puts in every export (guardduty-app.md §5.1).</summary>
    public static JObject InternalCustomizationsField()
    {
        var json = Field("incident/internal_customizations_field", "internal_customizations_field", "Customizations Field (internal)", "text",
            "", InternalFieldUuid, null, 0, null, []);
        json["id"] = 0;
        json["internal"] = true;
        json["read_only"] = true;
        json["changeable"] = false;
        return json;
    }

    public static JObject Column(string table, DataTableColumn column, int order, int width) =>
        Field($"{table}/{column.Name}", column.Name, column.Label, "text", "", StableUuid.For($"type/{table}/{column.Name}"), null, 1000, null, [])
            .Also(j =>
            {
                j["order"] = order;
                j["width"] = width;
            });

    public static JObject FormField(PlaybookDefinition playbook, PlaybookFormField field) =>
        Field($"{playbook.DeploymentId}/{field.Name}", field.Name, field.Text, field.InputType, field.Tooltip, playbook.FormFieldUuid(field.Name),
            "properties", 28, field.Required ? "always" : null, SelectValues($"playbook/{playbook.Name}/field/{field.Name}", field.Values));

    private static JArray SelectValues(string owner, IReadOnlyList<string> labels) => new(labels.Select(label => new JObject
    {
        ["default"] = false,
        ["enabled"] = true,
        ["hidden"] = false,
        ["label"] = label,
        ["properties"] = null,
        ["uuid"] = StableUuid.For($"{owner}/value/{label}"),
        ["value"] = StableUuid.Number($"{owner}/value/{label}"),
    }));

    private static JObject Field(string exportKey, string name, string text, string inputType, string tooltip, string uuid, string? prefix,
        int typeId, string? required, JArray values) => new()
    {
        ["allow_default_value"] = false,
        ["blank_option"] = inputType is "select" or "multiselect",
        ["calculated"] = false,
        ["changeable"] = true,
        ["chosen"] = false,
        ["default_chosen_by_server"] = false,
        ["deprecated"] = false,
        ["export_key"] = exportKey,
        ["hide_notification"] = false,
        ["input_type"] = inputType,
        ["internal"] = false,
        ["is_tracked"] = false,
        ["name"] = name,
        ["operation_perms"] = new JObject(),
        ["operations"] = new JArray(),
        ["placeholder"] = "",
        ["prefix"] = prefix,
        ["read_only"] = false,
        ["required"] = required,
        ["rich_text"] = false,
        ["tags"] = new JArray(),
        ["templates"] = new JArray(),
        ["text"] = text,
        ["tooltip"] = tooltip,
        ["type_id"] = typeId,
        ["uuid"] = uuid,
        ["values"] = values,
    };

    private static JObject Also(this JObject json, Action<JObject> change)
    {
        change(json);
        return json;
    }
}
