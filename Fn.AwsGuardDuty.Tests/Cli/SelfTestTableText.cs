using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary>Reads a row back from the printed selftest table, undoing the cell wrapping.</summary>
internal static partial class SelfTestTableText
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>"name | status | detail | hint" of the row whose first cell is <paramref name="name"/>.</summary>
    public static string Row(string table, string name)
    {
        var rows = new List<List<string>>();
        foreach (var line in table.Split('\n'))
        {
            var cells = line.TrimEnd('\r').Split('│');
            if (cells.Length < 6)
            {
                continue;
            }

            var inner = cells[1..^1].Select(c => c.Trim()).ToList();
            if (inner[0].Length > 0 || rows.Count == 0)
            {
                rows.Add(inner);
            }
            else
            {
                var current = rows[^1];
                for (var i = 0; i < inner.Count; i++)
                {
                    current[i] = $"{current[i]} {inner[i]}";
                }
            }
        }

        var row = rows.FirstOrDefault(r => r[0].Trim() == name)
            ?? throw new AssertionException($"the table has no row '{name}':\n{table}");
        return string.Join(" | ", row.Select(c => Spaces().Replace(c, " ").Trim()));
    }
}
