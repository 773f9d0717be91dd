namespace Fn.AwsGuardDuty.Findings;

/// <summary>The rows mapped for one data table (possibly none).</summary>
public sealed record DataTableData(string Table, IReadOnlyList<DataTableRow> Rows);
