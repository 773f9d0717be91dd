using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>An import as stored: the export is kept only while it is PENDING.</summary>
internal sealed class SoarImportRecord
{
    public required int Id { get; init; }

    public required long CreateDate { get; init; }

    public string Status { get; set; } = "PENDING";

    public JObject? Export { get; set; }

    public required IReadOnlyList<SoarImportChange> Changes { get; init; }

    public long? ExportDate { get; init; }

    public SoarImportView ToView() => new(Id, Status, Changes);

    public JObject ToJson()
    {
        var added = Changes.Count(c => c.Action == "added");
        var changed = Changes.Count(c => c.Action == "changed");
        var messages = new JArray();
        if (added + changed == 0)
        {
            messages.Add(new JObject { ["type"] = "INFO", ["text"] = "No changes: every object in this import already exists unchanged." });
        }
        else
        {
            messages.Add(new JObject { ["type"] = "INFO", ["text"] = $"{added} object(s) will be added and {changed} changed." });
        }

        JArray List(string action) => new(Changes.Where(c => c.Action == action).Select(c => new JObject { ["type"] = c.Kind, ["name"] = c.Name }));
        return new JObject
        {
            ["id"] = Id,
            ["status"] = Status,
            ["create_date"] = CreateDate,
            ["export_date"] = ExportDate,
            ["export_format_version"] = 2,
            ["messages"] = messages,
            ["changes"] = new JObject
            {
                ["no_changes"] = added + changed == 0,
                ["added"] = List("added"),
                ["changed"] = List("changed"),
                ["unchanged"] = List("unchanged"),
            },
        };
    }
}
