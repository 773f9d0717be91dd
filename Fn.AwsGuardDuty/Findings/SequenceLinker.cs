using System.Globalization;
using C = Fn.AwsGuardDuty.Findings.DataTables.SequenceSignals;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Linking for gd_sequence_signals (extensions.md §A), with no I/O: given the mapped signal rows and what SOAR knows
/// (finding id → incident id), gives each row of a FINDING signal whose finding has an incident that incident's id in
/// <c>incident_id</c>. A signal's Uid is the member finding's ARN (<c>arn:…:detector/&lt;detector&gt;/finding/&lt;id&gt;</c>);
/// other signals (CloudTrail, S3 data events, …) and findings without an incident keep an empty cell. The caller looks up
/// <see cref="FindingIds"/> in SOAR, calls <see cref="Link"/>, writes the rows, and notes the newly linked incidents once.
/// </summary>
public static class SequenceLinker
{
    private const string FindingSignal = "FINDING";
    private const string FindingMarker = "/finding/";

    /// <summary>The finding id a signal uid names, or null when it is no GuardDuty finding ARN.</summary>
    public static string? FindingIdOf(string? signalUid)
    {
        if (string.IsNullOrEmpty(signalUid) || !signalUid.StartsWith("arn:", StringComparison.Ordinal))
            return null;
        var at = signalUid.LastIndexOf(FindingMarker, StringComparison.Ordinal);
        if (at < 0 || !signalUid.Contains(":guardduty:", StringComparison.Ordinal))
            return null;
        var id = signalUid[(at + FindingMarker.Length)..];
        return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? id : null;
    }

    /// <summary>The distinct finding ids of the FINDING signals among the rows, in row order.</summary>
    public static IReadOnlyList<string> FindingIds(IEnumerable<DataTableRow> signalRows) =>
        signalRows.Where(IsFindingSignal).Select(r => FindingIdOf(r[C.SignalUid])).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The rows with <c>incident_id</c> set (or replaced) for FINDING signals whose finding id has an incident; every
    /// other row unchanged. <see cref="SequenceLinks.Linked"/> lists each linked (finding id, incident id) once.
    /// </summary>
    public static SequenceLinks Link(IReadOnlyList<DataTableRow> signalRows, IReadOnlyDictionary<string, long> incidentsByFindingId)
    {
        ArgumentNullException.ThrowIfNull(signalRows);
        ArgumentNullException.ThrowIfNull(incidentsByFindingId);
        var rows = new List<DataTableRow>(signalRows.Count);
        var linked = new List<SignalLink>();
        foreach (var row in signalRows)
        {
            if (IsFindingSignal(row) && FindingIdOf(row[C.SignalUid]) is { } findingId
                && incidentsByFindingId.TryGetValue(findingId, out var incidentId))
            {
                rows.Add(WithIncident(row, incidentId.ToString(CultureInfo.InvariantCulture)));
                if (!linked.Any(l => l.FindingId == findingId))
                    linked.Add(new SignalLink(findingId, incidentId));
            }
            else
            {
                rows.Add(row);
            }
        }

        return new SequenceLinks(rows, linked);
    }

    private static bool IsFindingSignal(DataTableRow row) => string.Equals(row[C.SignalType], FindingSignal, StringComparison.Ordinal);

    private static DataTableRow WithIncident(DataTableRow row, string incidentId)
    {
        var cells = row.Cells.Where(c => c.Key != C.IncidentId).ToList();
        // Cells are addressed by column name, so the id goes last.
        cells.Add(new KeyValuePair<string, string>(C.IncidentId, incidentId));
        return new DataTableRow(cells);
    }
}

/// <summary>The signal rows after linking, and the member findings that got an incident id.</summary>
public sealed record SequenceLinks(IReadOnlyList<DataTableRow> Rows, IReadOnlyList<SignalLink> Linked);

/// <summary>A FINDING signal's finding and the SOAR incident it has.</summary>
public sealed record SignalLink(string FindingId, long IncidentId);
