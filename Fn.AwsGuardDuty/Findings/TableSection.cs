using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// One section of a table mapping (the reference's DATA_TABLE_FIELDS_MAP): for each finding key, the first
/// scalar found below <see cref="Path"/> goes into its column. Sections applied later overwrite earlier values,
/// except <see cref="FillOnly"/> sections (our additions), which only fill columns still empty.
/// </summary>
internal sealed record TableSection(IReadOnlyList<object> Path, IReadOnlyList<(string Key, string Column)> Fields, bool FillOnly = false)
{
    public void ApplyTo(JObject finding, RowBuilder row)
    {
        if (!FindingSearch.TryResolve(finding, Path, out _, out _))
            return;
        foreach (var (key, column) in Fields)
        {
            if (FillOnly && row.Has(column))
                continue;
            var value = FindingSearch.FindFirstText(finding, Path, key);
            if (value is not null)
                row.Set(column, value);
        }
    }
}
