using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// Builds the format-2 SOAR export (guardduty-app.md §5.1, §5.10): the destination fn_aws_gd, the 17 functions and
/// their input fields, the incident fields, the data tables, the 3 artifact types, the incident tab and the given playbooks with
/// their scripts. Pure and deterministic: the same playbooks give the same JSON, keys sorted as SOAR exports them.
/// </summary>
public static class ExportBuilder
{
    public const string InternalIncidentTypeUuid = "bfeec2d4-3770-11e8-ad39-4a0004044aa0";

    public static JObject Build(IReadOnlyList<PlaybookDefinition> playbooks)
    {
        ArgumentNullException.ThrowIfNull(playbooks);
        var duplicates = playbooks.GroupBy(p => p.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new CustomizationException($"Playbooks defined twice: {string.Join(", ", duplicates)}.");

        var export = new JObject
        {
            ["action_order"] = new JArray(),
            ["actions"] = new JArray(),
            ["apps"] = new JArray(),
            ["automatic_tasks"] = new JArray(),
            ["case_matching_profiles"] = new JArray(),
            ["export_date"] = ExportConstants.Timestamp,
            ["export_format_version"] = 2,
            ["export_type"] = null,
            ["fields"] = new JArray(FunctionInputs.All.Select(FieldJson.FunctionInput)
                .Concat(IncidentFields.All.Select(FieldJson.IncidentField))
                .Append(FieldJson.InternalCustomizationsField())),
            ["functions"] = new JArray(FunctionCatalog.All.Select(FunctionJson.Function)),
            ["geos"] = null,
            ["groups"] = null,
            ["id"] = 1,
            ["inbound_destinations"] = new JArray(),
            ["inbound_mailboxes"] = null,
            ["incident_artifact_types"] = new JArray(ArtifactTypes.Custom.Select(ArtifactTypeJson.Type)),
            ["incident_types"] = new JArray(InternalIncidentType()),
            ["layouts"] = new JArray(LayoutJson.IncidentTab()),
            ["locale"] = null,
            ["message_destinations"] = new JArray(FunctionJson.Destination()),
            ["notifications"] = null,
            ["overrides"] = null,
            ["phases"] = new JArray(),
            ["playbooks"] = new JArray(playbooks.Select(PlaybookJson.Playbook)),
            ["regulators"] = null,
            ["roles"] = new JArray(),
            ["scripts"] = new JArray(),
            ["server_version"] = ExportConstants.ServerVersion(),
            ["tags"] = new JArray(),
            ["task_order"] = new JArray(),
            ["timeframes"] = null,
            ["types"] = new JArray(DataTables.All.Select(DataTableJson.Table)),
            ["workflows"] = new JArray(),
            ["workspaces"] = new JArray(),
        };
        return (JObject)SortKeys(export);
    }

    private static JObject InternalIncidentType() => new()
    {
        ["create_date"] = ExportConstants.Timestamp,
        ["description"] = "Customization Packages (internal)",
        ["enabled"] = false,
        ["export_key"] = "Customization Packages (internal)",
        ["hidden"] = false,
        ["id"] = 0,
        ["name"] = "Customization Packages (internal)",
        ["parent_id"] = null,
        ["system"] = false,
        ["update_date"] = ExportConstants.Timestamp,
        ["uuid"] = InternalIncidentTypeUuid,
    };

    // Object keys in ordinal order at every level, as SOAR writes its exports; array order is kept.
    private static JToken SortKeys(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, SortKeys(p.Value)))),
        JArray array => new JArray(array.Select(SortKeys)),
        JValue { Value: null } => JValue.CreateNull(), // a null string is a null, as it reads back from the file
        _ => token.DeepClone(),
    };
}
