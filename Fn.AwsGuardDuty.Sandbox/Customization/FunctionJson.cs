using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>A function entry (guardduty-app.md §5.3): destination fn_aws_gd, view items naming its input fields.</summary>
internal static class FunctionJson
{
    public static JObject Function(FunctionDefinition function) => new()
    {
        ["created_date"] = ExportConstants.Timestamp,
        ["description"] = ExportConstants.Text(function.Description),
        ["destination_handle"] = FunctionCatalog.Destination,
        ["display_name"] = function.DisplayName,
        ["export_key"] = function.Name,
        ["id"] = null,
        ["last_modified_by"] = ExportConstants.Principal(),
        ["last_modified_time"] = ExportConstants.Timestamp,
        ["name"] = function.Name,
        ["output_description"] = ExportConstants.Text(null),
        ["tags"] = new JArray(),
        ["uuid"] = function.Uuid,
        ["version"] = 1,
        ["view_items"] = new JArray(function.Inputs.Select(name => ViewItem(FunctionInputs.Get(name).Uuid(), "__function"))),
        ["workflows"] = new JArray(),
    };

    public static JObject ViewItem(string fieldUuid, string fieldType) => new()
    {
        ["content"] = fieldUuid,
        ["element"] = "field_uuid",
        ["field_type"] = fieldType,
        ["show_if"] = null,
        ["show_link_header"] = false,
        ["step_label"] = null,
    };

    public static JObject Destination() => new()
    {
        ["api_keys"] = new JArray(),
        ["destination_type"] = 0,
        ["expect_ack"] = true,
        ["export_key"] = FunctionCatalog.Destination,
        ["name"] = FunctionCatalog.Destination,
        ["programmatic_name"] = FunctionCatalog.Destination,
        ["tags"] = new JArray(),
        ["users"] = new JArray(),
        ["uuid"] = FunctionCatalog.DestinationUuid,
    };
}
