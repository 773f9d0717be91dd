using System.Net;
using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Data-table rows of an incident (<c>/incidents/{id}/table_data/{table}</c>). Cells are keyed by column api name.</summary>
public sealed class DataTablesApi
{
    /// <summary>What a row write yields once it is known to have landed (the write helper needs a non-null result).</summary>
    private static readonly object Added = new();

    private readonly SoarConnection _connection;
    private readonly AmbiguousWrite _write;

    internal DataTablesApi(SoarConnection connection, AmbiguousWrite write)
    {
        _connection = connection;
        _write = write;
    }

    /// <summary><c>GET /incidents/{id}/table_data/{table}?handle_format=names</c>: the table's rows.</summary>
    public async Task<IReadOnlyList<JObject>> ListRowsAsync(long incidentId, string table, CancellationToken cancellationToken = default)
    {
        var path = TablePath(incidentId, table) + "?handle_format=names";
        var json = await _connection.SendJsonAsync(SoarRequest.Get(path), cancellationToken).ConfigureAwait(false);
        return json switch
        {
            JObject { } obj when obj["rows"] is JArray rows => rows.OfType<JObject>().ToList(),
            JArray rows => rows.OfType<JObject>().ToList(),
            _ => throw new SoarProtocolException($"SOAR GET {path} returned {SoarConnection.Describe(json)} without 'rows'"),
        };
    }

    /// <summary>
    /// <c>POST …/row_data</c> with <c>{"cells":{col:{"value":v}}}</c>; returns the created row. Not repeated after a
    /// failure SOAR may have committed (rows may rightly repeat, so one row cannot be looked up without knowing the
    /// table before); <see cref="AddRowsAsync"/> knows it, and looks its rows up.
    /// </summary>
    public Task<JObject> AddRowAsync(long incidentId, string table, IReadOnlyDictionary<string, JToken?> cells, CancellationToken cancellationToken = default) =>
        _connection.SendObjectAsync(RowPost(incidentId, table, cells), cancellationToken);

    /// <summary><c>PUT …/row_data/{row}?handle_format=names</c> with every column's cell.</summary>
    public Task<JObject> UpdateRowAsync(long incidentId, string table, long rowId, IReadOnlyDictionary<string, JToken?> cells, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowId);
        var path = $"{TablePath(incidentId, table)}/row_data/{rowId}?handle_format=names";
        return _connection.SendObjectAsync(SoarRequest.Put(path, BuildRow(cells)), cancellationToken);
    }

    /// <summary><c>DELETE …/row_data/{row}</c>. Returns false when the row was already gone (404).</summary>
    public async Task<bool> DeleteRowAsync(long incidentId, string table, long rowId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowId);
        var request = SoarRequest.Delete($"{TablePath(incidentId, table)}/row_data/{rowId}?handle_format=names");
        var response = await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        SoarConnection.EnsureSuccess(request, response);
        return true;
    }

    /// <summary>
    /// Makes the table hold exactly <paramref name="rows"/>: deletes every existing row, then adds the new ones
    /// (refresh replaces rows instead of piling up duplicates) with <see cref="AddRowsAsync"/>, so a row SOAR committed
    /// before failing is found and not added twice. Returns how many rows it added.
    /// </summary>
    public async Task<int> ReplaceRowsAsync(long incidentId, string table, IEnumerable<IReadOnlyDictionary<string, JToken?>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var wanted = rows.ToList();
        foreach (var row in wanted)
        {
            BuildRow(row); // validate before deleting anything
        }

        var existing = await ListRowsAsync(incidentId, table, cancellationToken).ConfigureAwait(false);
        foreach (var row in existing)
        {
            if (row["id"] is { Type: JTokenType.Integer } id)
            {
                await DeleteRowAsync(incidentId, table, id.Value<long>(), cancellationToken).ConfigureAwait(false);
            }
        }

        return await AddRowsAsync(incidentId, table, wanted, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <paramref name="rows"/> to a table that held exactly <paramref name="present"/> before (none for an incident
    /// just created, or after <see cref="ReplaceRowsAsync"/> emptied it). After a failure SOAR may have committed, the
    /// table is read: a row landed when the table holds more rows with its cells than <paramref name="present"/> and the
    /// rows added before it; such a row is not added again. Returns how many rows it added. The rows SOAR echoes back
    /// are checked to be JSON objects, not parsed: nothing here reads them.
    /// </summary>
    public async Task<int> AddRowsAsync(long incidentId, string table, IEnumerable<IReadOnlyDictionary<string, JToken?>> rows,
        IReadOnlyList<JObject> present, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(present);
        var added = new List<IReadOnlyDictionary<string, JToken?>>();
        foreach (var row in rows)
        {
            // A row added before this one holds its own cells, so it matches this row when their cells read the same.
            var known = present.Count(r => HasCells(r, row)) + added.Count(earlier => SameCells(earlier, row));
            await _write.SendAsync(
                $"row of data table {table} on incident {incidentId}",
                async ct =>
                {
                    await _connection.SendForIdAsync(RowPost(incidentId, table, row), ct).ConfigureAwait(false);
                    return Added;
                },
                async ct =>
                {
                    var matching = (await ListRowsAsync(incidentId, table, ct).ConfigureAwait(false)).Count(r => HasCells(r, row));
                    return matching > known ? Added : null;
                },
                cancellationToken).ConfigureAwait(false);
            added.Add(row);
        }

        return added.Count;
    }

    public static JObject BuildRow(IReadOnlyDictionary<string, JToken?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var json = new JObject();
        foreach (var (column, value) in cells)
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException("A data-table column api name is empty", nameof(cells));
            }

            json[column] = new JObject { ["value"] = value?.DeepClone() ?? JValue.CreateNull() };
        }

        return new JObject { ["cells"] = json };
    }

    /// <summary>Whether a row as SOAR lists it (<c>cells.{col}.value</c>) holds these cell values (compared as text).</summary>
    internal static bool HasCells(JObject row, IReadOnlyDictionary<string, JToken?> cells)
    {
        if (row["cells"] is not JObject listed)
        {
            return false;
        }

        foreach (var (column, value) in cells)
        {
            var actual = listed[column] is JObject cell ? cell["value"] : null;
            if (Text(actual) != Text(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two requested rows read the same in every column of <paramref name="cells"/> (as <see cref="HasCells"/> compares).</summary>
    private static bool SameCells(IReadOnlyDictionary<string, JToken?> earlier, IReadOnlyDictionary<string, JToken?> cells) =>
        cells.All(cell => Text(earlier.GetValueOrDefault(cell.Key)) == Text(cell.Value));

    private static string? Text(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue scalar => scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    private static SoarRequest RowPost(long incidentId, string table, IReadOnlyDictionary<string, JToken?> cells) =>
        SoarRequest.Post(TablePath(incidentId, table) + "/row_data", BuildRow(cells));

    private static string TablePath(long incidentId, string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        return $"{IncidentsApi.IncidentPath(incidentId)}/table_data/{Uri.EscapeDataString(table)}";
    }
}
