using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// The incident tab of the export's <c>layouts[]</c>: "AWS GuardDuty", showing the account field and every data table,
/// the two attack-sequence tables first (they are what an analyst reads on a sequence incident), then the reference's six.
/// Elements follow SOAR's layout element shape: <c>{content, element, field_type, show_if, show_link_header, step_label}</c>,
/// a field by its uuid (<c>field_uuid</c>, as the functions' view_items) and a data table by its api name (<c>datatable</c>).
/// The reference export has no layout (its README has the user add the tables by hand).
/// </summary>
internal static class LayoutJson
{
    public const string TabName = "AWS GuardDuty";

    public static string Uuid => StableUuid.For("layout/incident/" + TabName);

    /// <summary>The tables in tab order.</summary>
    public static IReadOnlyList<DataTableDefinition> Tables { get; } = Array.AsReadOnly(DataTables.All
        .Where(t => t.Name is DataTables.SequenceSignals.Name or DataTables.SequenceIndicators.Name)
        .Concat(DataTables.All.Where(t => t.Name is not (DataTables.SequenceSignals.Name or DataTables.SequenceIndicators.Name)))
        .ToArray());

    public static JObject IncidentTab() => new()
    {
        ["actions"] = new JArray(),
        ["content"] = new JArray(Content()),
        ["create_date"] = ExportConstants.Timestamp,
        ["description"] = null,
        ["export_key"] = "incident/" + TabName,
        ["id"] = null,
        ["name"] = TabName,
        ["object_type"] = "incident",
        ["permissions"] = new JArray(),
        ["show_in_edit_mode"] = false,
        ["title"] = TabName,
        ["update_date"] = ExportConstants.Timestamp,
        ["uuid"] = Uuid,
        ["version"] = 1,
    };

    private static IEnumerable<JObject> Content()
    {
        var account = IncidentFields.Mapped.Single(f => f.Name == IncidentFields.AccountId);
        yield return Element(account.Uuid, "field_uuid", "incident");
        foreach (var table in Tables)
            yield return Element(table.Name, "datatable", null);
    }

    private static JObject Element(string content, string element, string? fieldType) => new()
    {
        ["content"] = content,
        ["element"] = element,
        ["field_type"] = fieldType,
        ["show_if"] = null,
        ["show_link_header"] = false,
        ["step_label"] = null,
    };
}
