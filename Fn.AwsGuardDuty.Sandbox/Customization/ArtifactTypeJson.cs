using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>A custom artifact type entry (guardduty-app.md §5.6).</summary>
internal static class ArtifactTypeJson
{
    public static JObject Type(ArtifactTypeDefinition type) => new()
    {
        ["actions"] = new JArray(),
        ["default_scan_option"] = "unsupported",
        ["desc"] = type.Description,
        ["enabled"] = true,
        ["export_key"] = type.ApiName,
        ["file"] = false,
        ["id"] = null,
        ["multi_aware"] = false,
        ["name"] = type.DisplayName,
        ["parse_as_csv"] = false,
        ["programmatic_name"] = type.ApiName,
        ["reg_exp"] = null,
        ["system"] = false,
        ["tags"] = new JArray(),
        ["use_for_relationships"] = true,
        ["uuid"] = type.Uuid ?? StableUuid.For("artifact_type/" + type.ApiName),
    };
}
