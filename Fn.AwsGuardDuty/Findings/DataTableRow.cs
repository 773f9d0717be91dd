using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>One data table row: cells by column API name, in the order the reference adds them. Every value is text.</summary>
public sealed class DataTableRow
{
    private readonly KeyValuePair<string, string>[] _cells;

    internal DataTableRow(IEnumerable<KeyValuePair<string, string>> cells) => _cells = cells.ToArray();

    public IReadOnlyList<KeyValuePair<string, string>> Cells => _cells;

    /// <summary>The cell's value, or null when the row has no such column.</summary>
    public string? this[string column]
    {
        get
        {
            foreach (var cell in _cells)
            {
                if (cell.Key == column)
                    return cell.Value;
            }
            return null;
        }
    }

    /// <summary><c>{"cells":{"&lt;column&gt;":{"value":"…"},…}}</c>, the body of POST …/table_data/{table}/row_data.</summary>
    public JObject ToJson()
    {
        var cells = new JObject();
        foreach (var (column, value) in _cells)
            cells.Add(column, new JObject(new JProperty("value", value)));
        return new JObject(new JProperty("cells", cells));
    }
}
