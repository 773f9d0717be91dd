using System.Globalization;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Api;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Refresh;

/// <summary>
/// Links an attack sequence's incident with the incidents of its member findings (extensions.md §A), over SOAR REST:
/// looks up the incidents of every FINDING signal in one query, fills <c>incident_id</c> in the sequence's
/// gd_sequence_signals rows (<see cref="SequenceLinker"/>), and writes on each member's incident one note naming the
/// sequence's incident id and title.
/// <para>
/// "One note, ever" is remembered in SOAR itself: before writing, the member incident's notes are read and the note
/// is written only when none holds <see cref="Marker"/> for this sequence incident. Unlike a checkpoint entry or an
/// in-memory set, that survives restarts, a lost state folder and several instances (poller, refresh function, other
/// hosts) linking the same sequence. The cost is one notes read per linked member each time the sequence is linked
/// (escalated, updated, refreshed), not per cycle. A member linked to two sequences gets one note for each.
/// </para>
/// Every SOAR failure comes out as <see cref="IncidentRefreshException"/> naming the step. Stateless and thread-safe.
/// </summary>
public sealed class SequenceLinking(SoarClient soar)
{
    /// <summary>Incidents per query page; a sequence names tens of findings, so one page answers.</summary>
    private const int QueryPageSize = 200;

    /// <summary>The finding ids of the sequence's FINDING signals (none for a finding without a sequence).</summary>
    public static IReadOnlyList<string> FindingIds(MappedFinding mapped) => SequenceLinker.FindingIds(SignalRows(mapped));

    /// <summary>The text that identifies the link note of this sequence incident among a member incident's notes.</summary>
    public static string Marker(long sequenceIncidentId) =>
        string.Create(CultureInfo.InvariantCulture, $"is a signal of the attack sequence of SOAR incident {sequenceIncidentId}:");

    /// <summary>The note written once on a member finding's incident.</summary>
    public static string NoteText(long sequenceIncidentId, string sequenceTitle) =>
        $"AWS GuardDuty: this finding {Marker(sequenceIncidentId)} \"{sequenceTitle}\".";

    /// <summary>
    /// The incident ids of these findings in the detector and region, in one <c>query_paged</c> (the query the poller's
    /// batch lookup sends). A finding with no incident is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> LookupAsync(string region, string detectorId, IReadOnlyCollection<string> findingIds,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (long Id, bool Open)>(StringComparer.Ordinal);
        if (findingIds.Count == 0) return new Dictionary<string, long>();
        try
        {
            var query = FindingIncidentQuery.For(region, detectorId, findingIds);
            await foreach (var json in soar.Incidents.QueryPagedAsync(query, QueryPageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var id = json["id"] is JValue { Type: JTokenType.Integer } value ? value.Value<long>() : 0;
                var findingId = (json["properties"] as JObject)?[IncidentFields.FindingId] is JValue { Value: not null } f
                    ? f.ToString(CultureInfo.InvariantCulture) : null;
                if (id <= 0 || findingId is null) continue;
                var open = json.Value<string>("plan_status") != "C";
                if (!found.TryGetValue(findingId, out var other) || FindingIncidentQuery.Better(id, open, other.Id, other.Open))
                    found[findingId] = (id, open);
            }
        }
        catch (SoarException error)
        {
            throw new IncidentRefreshException($"Could not look up the incidents of the attack sequence's {findingIds.Count} member finding(s): {error.Message}", error);
        }

        return found.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);
    }

    /// <summary>The mapped finding with its signal rows linked, and the links made (none: <paramref name="mapped"/> unchanged).</summary>
    public static LinkedSequence Link(MappedFinding mapped, IReadOnlyDictionary<string, long> incidentsByFindingId)
    {
        var links = SequenceLinker.Link(SignalRows(mapped), incidentsByFindingId);
        if (links.Linked.Count == 0) return new LinkedSequence(mapped, links.Linked);
        var tables = mapped.DataTables
            .Select(t => t.Table == DataTables.SequenceSignals.Name ? new DataTableData(t.Table, links.Rows) : t)
            .ToList();
        return new LinkedSequence(mapped with { DataTables = tables }, links.Linked);
    }

    /// <summary>
    /// Links one sequence, given the incidents its member findings already have: its signal rows get their incident ids
    /// and each member incident its one note. Nothing is written when no member has an incident yet.
    /// </summary>
    /// <returns>How many signals were linked and how many notes were new.</returns>
    public async Task<(int Linked, int Notes)> LinkAsync(long sequenceIncidentId, MappedFinding mapped,
        IReadOnlyDictionary<string, long> incidentsByFindingId, CancellationToken cancellationToken)
    {
        var linked = Link(mapped, incidentsByFindingId);
        if (linked.Links.Count == 0) return (0, 0);
        await WriteSignalsAsync(sequenceIncidentId, linked.Mapped, cancellationToken).ConfigureAwait(false);
        var notes = await NoteMembersAsync(sequenceIncidentId, linked.Mapped.Payload.Name, linked.Links, cancellationToken).ConfigureAwait(false);
        return (linked.Links.Count, notes);
    }

    /// <summary>Replaces the incident's gd_sequence_signals rows with the (linked) mapped ones.</summary>
    public async Task WriteSignalsAsync(long sequenceIncidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        try
        {
            await soar.DataTables.ReplaceRowsAsync(sequenceIncidentId, DataTables.SequenceSignals.Name,
                SignalRows(mapped).Select(IncidentRefresher.Cells), cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw new IncidentRefreshException(
                $"Could not write the linked rows of data table {DataTables.SequenceSignals.Name} of incident {sequenceIncidentId}: {error.Message}", error);
        }
    }

    /// <summary>
    /// Writes the link note on each member incident that does not hold one for this sequence incident yet. Returns how
    /// many were written. The sequence's own incident (a signal naming the sequence itself) gets none.
    /// </summary>
    public async Task<int> NoteMembersAsync(long sequenceIncidentId, string sequenceTitle, IReadOnlyList<SignalLink> links,
        CancellationToken cancellationToken)
    {
        var marker = Marker(sequenceIncidentId);
        var written = 0;
        foreach (var incidentId in links.Select(l => l.IncidentId).Where(id => id != sequenceIncidentId).Distinct())
        {
            try
            {
                var notes = await soar.Notes.ListAsync(incidentId, cancellationToken).ConfigureAwait(false);
                if (notes.Any(n => NotesApi.TextOf(n)?.Contains(marker, StringComparison.Ordinal) == true)) continue;
                await soar.Notes.AddAsync(incidentId, NoteText(sequenceIncidentId, sequenceTitle), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                written++;
            }
            catch (SoarException error)
            {
                throw new IncidentRefreshException(
                    $"Could not note attack sequence incident {sequenceIncidentId} on member incident {incidentId}: {error.Message}", error);
            }
        }

        return written;
    }

    private static IReadOnlyList<DataTableRow> SignalRows(MappedFinding mapped) =>
        mapped.DataTables.FirstOrDefault(t => t.Table == DataTables.SequenceSignals.Name)?.Rows ?? [];
}

/// <summary>A mapped attack sequence after linking, and the member findings that got an incident id.</summary>
public sealed record LinkedSequence(MappedFinding Mapped, IReadOnlyList<SignalLink> Links);
