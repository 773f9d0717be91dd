namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Builds one row the way the reference does: the first cell creates the row and is followed by
/// <c>query_execution_date</c>; a later value for an existing column replaces it in place, a new column is appended.
/// </summary>
internal sealed class RowBuilder
{
    private readonly string _timestamp;
    private readonly List<KeyValuePair<string, string>> _cells = [];

    public RowBuilder(string timestamp) => _timestamp = timestamp;

    public bool IsEmpty => _cells.Count == 0;

    public bool Has(string column) => IndexOf(column) >= 0;

    public void Set(string column, string value)
    {
        var index = IndexOf(column);
        if (index >= 0)
        {
            _cells[index] = new(column, value);
            return;
        }
        var wasEmpty = IsEmpty;
        _cells.Add(new(column, value));
        if (wasEmpty && column != DataTables.QueryExecutionDate)
            _cells.Add(new(DataTables.QueryExecutionDate, _timestamp));
    }

    public void SetIfAbsent(string column, string value)
    {
        if (!Has(column))
            Set(column, value);
    }

    /// <summary>Sets the column when there is a value, removes it otherwise.</summary>
    public void SetOrRemove(string column, string? value)
    {
        if (value is not null)
            Set(column, value);
        else if (IndexOf(column) is var index and >= 0)
            _cells.RemoveAt(index);
    }

    public RowBuilder Clone()
    {
        var copy = new RowBuilder(_timestamp);
        copy._cells.AddRange(_cells);
        return copy;
    }

    public DataTableRow ToRow() => new(_cells);

    private int IndexOf(string column) => _cells.FindIndex(c => c.Key == column);
}
