using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>A function: its message destination and its input fields (view items naming <c>__function</c> field uuids).</summary>
public sealed class SoarFunctionDefinition
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public required string Uuid { get; init; }

    public required int DestinationId { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Uuids of the input fields, in form order.</summary>
    public IReadOnlyList<string> InputFieldUuids { get; init; } = [];

    public int Version { get; init; } = 1;

    public JObject ToJson(string destinationHandle, bool names) => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["display_name"] = DisplayName,
        ["uuid"] = Uuid,
        ["export_key"] = Name,
        ["description"] = new JObject { ["format"] = "text", ["content"] = Description },
        ["destination_handle"] = names ? destinationHandle : DestinationId,
        ["version"] = Version,
        ["view_items"] = new JArray(InputFieldUuids.Select(u => new JObject
        {
            ["element"] = "field_uuid",
            ["field_type"] = "__function",
            ["content"] = u,
            ["show_if"] = null,
            ["show_link_header"] = false,
            ["step_label"] = null,
        })),
        ["output_description"] = new JObject { ["format"] = "text", ["content"] = null },
        ["tags"] = new JArray(),
        ["workflows"] = new JArray(),
    };
}
