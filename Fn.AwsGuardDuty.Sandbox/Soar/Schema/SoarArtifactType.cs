using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>An incident artifact type: built in (IP Address, DNS Name, Port, ...) or custom from an import.</summary>
public sealed class SoarArtifactType
{
    public required int Id { get; init; }

    /// <summary>The display name ("IP Address", "AWS IAM Access Key ID").</summary>
    public required string Name { get; init; }

    /// <summary>The API name ("aws_iam_access_key_id"); built-in types use their display name.</summary>
    public required string ProgrammaticName { get; init; }

    public string Uuid { get; init; } = Guid.NewGuid().ToString();

    public string Description { get; init; } = "";

    public bool System { get; init; }

    public bool Matches(string token) =>
        string.Equals(token, ProgrammaticName, StringComparison.OrdinalIgnoreCase) || string.Equals(token, Name, StringComparison.OrdinalIgnoreCase);

    public JObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["programmatic_name"] = ProgrammaticName,
        ["desc"] = Description,
        ["uuid"] = Uuid,
        ["system"] = System,
        ["enabled"] = true,
        ["file"] = false,
        ["multi_aware"] = false,
        ["parse_as_csv"] = false,
        ["reg_exp"] = null,
        ["use_for_relationships"] = true,
        ["default_scan_option"] = "unsupported",
    };
}
