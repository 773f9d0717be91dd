using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>A playbook entry (guardduty-app.md §5.8) with its activation, form, BPMN content and embedded local script.</summary>
internal static class PlaybookJson
{
    public static JObject Playbook(PlaybookDefinition playbook)
    {
        var formFields = new JObject();
        foreach (var field in playbook.Form)
            formFields[field.Name] = FieldJson.FormField(playbook, field);

        var json = new JObject
        {
            ["activation_type"] = playbook.ActivationType,
            ["content"] = new JObject { ["content_version"] = 1, ["xml"] = BpmnDocument.Build(playbook) },
            ["corrupted"] = false,
            ["creator_principal"] = ExportConstants.Principal(),
            ["deployment_id"] = playbook.DeploymentId,
            ["description"] = ExportConstants.Text(playbook.Description),
            ["display_name"] = playbook.DisplayName,
            ["export_key"] = playbook.Name,
            ["field_type_handle"] = playbook.DeploymentId,
            ["fields_type"] = new JObject
            {
                ["actions"] = new JArray(),
                ["display_name"] = playbook.DisplayName,
                ["export_key"] = playbook.DeploymentId,
                ["fields"] = formFields,
                ["for_actions"] = false,
                ["for_custom_fields"] = false,
                ["for_notifications"] = false,
                ["for_workflows"] = false,
                ["id"] = null,
                ["parent_types"] = new JArray("__playbook"),
                ["properties"] = new JObject { ["can_create"] = false, ["can_destroy"] = false, ["for_who"] = new JArray() },
                ["scripts"] = new JArray(),
                ["tags"] = new JArray(),
                ["type_id"] = 28,
                ["type_name"] = playbook.DeploymentId,
                ["uuid"] = StableUuid.For($"playbook/{playbook.Name}/fields_type"),
            },
            ["has_logical_errors"] = false,
            ["id"] = null,
            ["is_deleted"] = false,
            ["is_locked"] = false,
            ["last_modified_principal"] = ExportConstants.Principal(),
            ["local_scripts"] = new JArray(LocalScript(playbook)),
            ["name"] = playbook.Name,
            ["object_type"] = playbook.ObjectType,
            ["status"] = playbook.Enabled ? "enabled" : "disabled",
            ["tag"] = new JObject
            {
                ["display_name"] = "Playbook_" + playbook.Uuid,
                ["id"] = null,
                ["name"] = playbook.DeploymentId,
                ["type"] = "playbook",
                ["uuid"] = StableUuid.For($"playbook/{playbook.Name}/tag"),
            },
            ["tags"] = new JArray(),
            ["type"] = "default",
            ["uuid"] = playbook.Uuid,
            ["version"] = 1,
        };

        var activation = new JObject
        {
            ["conditions"] = new JArray(playbook.Conditions.Select(Condition)),
            ["logic_type"] = playbook.LogicType,
        };
        if (playbook.ActivationType == PlaybookDefinition.Automatic)
        {
            json["activation_details"] = new JObject { ["activation_conditions"] = activation };
        }
        else
        {
            json["manual_settings"] = new JObject
            {
                ["activation_conditions"] = activation,
                ["view_items"] = new JArray(playbook.Form.Select(f => FunctionJson.ViewItem(playbook.FormFieldUuid(f.Name), playbook.DeploymentId))),
            };
        }

        return json;
    }

    private static JObject Condition(PlaybookCondition condition) => new()
    {
        ["evaluation_id"] = null,
        ["field_name"] = condition.FieldName,
        ["method"] = condition.Method,
        ["type"] = null,
        ["value"] = condition.Value?.DeepClone(),
    };

    private static JObject LocalScript(PlaybookDefinition playbook) => new()
    {
        ["actions"] = new JArray(),
        ["created_date"] = ExportConstants.Timestamp,
        ["description"] = playbook.Description,
        ["enabled"] = false,
        ["export_key"] = playbook.ScriptName,
        ["id"] = null,
        ["language"] = "python3",
        ["last_modified_by"] = ExportConstants.Author,
        ["last_modified_time"] = ExportConstants.Timestamp,
        ["name"] = playbook.ScriptName,
        ["object_type"] = playbook.ObjectType,
        ["playbook_handle"] = playbook.Name,
        ["programmatic_name"] = playbook.ScriptProgrammaticName,
        ["script_text"] = playbook.PostProcessScript,
        ["tags"] = new JArray(),
        ["uuid"] = playbook.ScriptUuid,
    };
}
