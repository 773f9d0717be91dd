using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>
/// A field of a SOAR type: a standard or custom (<c>properties.*</c>) incident field, a function input, a data-table
/// column or a playbook activation field. Input types follow SOAR: text, textarea, boolean, number, select,
/// multiselect, datetimepicker, datepicker.
/// </summary>
public sealed class SoarFieldDefinition
{
    public static readonly IReadOnlySet<string> InputTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "textarea", "boolean", "number", "select", "multiselect", "datetimepicker", "datepicker",
    };

    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required string InputType { get; init; }

    public string Text { get; init; } = "";

    public string Uuid { get; init; } = Guid.NewGuid().ToString();

    /// <summary>"properties" for custom incident fields, null otherwise.</summary>
    public string? Prefix { get; init; }

    /// <summary>null, "always" or "close".</summary>
    public string? Required { get; init; }

    public bool ReadOnly { get; init; }

    public bool Internal { get; init; }

    public string? Tooltip { get; init; }

    public int? Order { get; init; }

    public IReadOnlyList<SoarSelectValue> Values { get; init; } = [];

    public bool IsCustom => Prefix == "properties";

    public bool IsSelect => InputType is "select" or "multiselect";

    public SoarSelectValue? FindValue(JToken token) => token.Type switch
    {
        JTokenType.Integer => Values.FirstOrDefault(v => v.Value == token.Value<long>()),
        JTokenType.String => Values.FirstOrDefault(v => string.Equals(v.Label, token.Value<string>(), StringComparison.OrdinalIgnoreCase))
            ?? (long.TryParse(token.Value<string>(), out var id) ? Values.FirstOrDefault(v => v.Value == id) : null),
        _ => null,
    };

    public JObject ToJson(int typeId, string? effectiveRequired) => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["text"] = Text,
        ["prefix"] = Prefix,
        ["type_id"] = typeId,
        ["input_type"] = InputType,
        ["required"] = effectiveRequired,
        ["read_only"] = ReadOnly,
        ["internal"] = Internal,
        ["changeable"] = !ReadOnly,
        ["tooltip"] = Tooltip,
        ["placeholder"] = "",
        ["blank_option"] = IsSelect,
        ["uuid"] = Uuid,
        ["export_key"] = $"{TypeName}/{Name}",
        ["order"] = Order ?? 0,
        ["values"] = new JArray(Values.Select(v => new JObject
        {
            ["value"] = v.Value,
            ["label"] = v.Label,
            ["enabled"] = v.Enabled,
            ["hidden"] = false,
            ["default"] = false,
            ["properties"] = null,
            ["uuid"] = null,
        })),
    };
}
