using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>A data table (a SOAR type with <c>type_id 8</c> whose parent is <c>incident</c>) and its columns.</summary>
public sealed class SoarDataTableDefinition
{
    public required int Id { get; init; }

    public required string TypeName { get; init; }

    public required string DisplayName { get; init; }

    public string Uuid { get; init; } = Guid.NewGuid().ToString();

    public required IReadOnlyDictionary<string, SoarFieldDefinition> Columns { get; init; }

    public JObject ToJson() => new()
    {
        ["id"] = Id,
        ["type_id"] = 8,
        ["type_name"] = TypeName,
        ["display_name"] = DisplayName,
        ["uuid"] = Uuid,
        ["export_key"] = TypeName,
        ["parent_types"] = new JArray("incident"),
        ["for_notifications"] = false,
        ["for_actions"] = false,
        ["for_custom_fields"] = false,
        ["fields"] = new JObject(Columns.Values.Select(c => new JProperty(c.Name, c.ToJson(Id, c.Required)))),
    };
}
