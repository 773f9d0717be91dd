using System.Collections.Concurrent;
using System.Net;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Soar;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Refresh;

/// <summary>
/// Brings an existing SOAR incident up to date from its GuardDuty finding: the one way the refresh function
/// (guardduty-app.md §4.3) and the poller's direct update mode read the incident's artifacts, map the finding against
/// them, and write fields, table rows, artifacts and the refresh note. Each step is its own call, so a caller takes the
/// steps it owns (the refresh function leaves fields and artifacts to its playbook script) in its own order.
/// Every SOAR failure comes out as <see cref="IncidentRefreshException"/> naming the step; an unmappable finding as
/// <see cref="InvalidFindingException"/>. Stateless and thread-safe.
/// </summary>
public sealed class IncidentRefresher(SoarClient soar, FindingMapper mapper)
{
    /// <summary>Tables replaced at once: small, so one refresh does not crowd the SOAR connection.</summary>
    private const int TableConcurrency = 3;

    /// <summary>
    /// Reads the incident's artifacts (with type names) and maps the finding for a refresh against them, so
    /// <see cref="MappedFinding.Artifacts"/> holds only the artifacts the incident lacks.
    /// </summary>
    /// <param name="listedBy">The detector the finding was read through (an administrator's, for a member's finding).</param>
    public async Task<MappedFinding> MapAsync(long incidentId, JObject botoFinding, string region, string? listedBy, CancellationToken cancellationToken)
    {
        var existing = await ReadArtifactsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return mapper.MapForRefresh(botoFinding, region, existing, listedBy);
    }

    /// <summary>The incident's artifacts as (type name, value), compared by the mapper on both.</summary>
    public async Task<IReadOnlyList<ExistingArtifact>> ReadArtifactsAsync(long incidentId, CancellationToken cancellationToken)
    {
        IReadOnlyList<JObject> artifacts;
        try
        {
            artifacts = await soar.Artifacts.ListAsync(incidentId, cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw Failure(incidentId, "read the artifacts of", error);
        }

        return artifacts
            .Where(a => a["value"] is JValue { Value: not null })
            .Select(a => new ExistingArtifact(a["type"] is JValue { Value: not null } type ? type.ToString() : null, a["value"]!.ToString()))
            .ToList();
    }

    /// <summary>Sets <c>severity_code</c> and every mapped custom property (one PATCH, none when nothing changed).</summary>
    public async Task UpdateFieldsAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, JToken?>(StringComparer.Ordinal)
        {
            [IncidentPayloadFields.SeverityCode] = mapped.Payload.SeverityCode,
        };
        foreach (var (name, value) in mapped.Payload.Properties)
            values[IncidentPayloadFields.Properties + "." + name] = value;
        try
        {
            await soar.Incidents.UpdateAsync(incidentId, values, cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw Failure(incidentId, "update the fields of", error);
        }
    }

    /// <summary>Adds the artifacts the incident lacks (<see cref="MapAsync"/> left out the others).</summary>
    public async Task AddArtifactsAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        foreach (var artifact in mapped.Artifacts)
        {
            try
            {
                await soar.Artifacts.AddAsync(incidentId, artifact.ToJson(), cancellationToken).ConfigureAwait(false);
            }
            catch (SoarException error)
            {
                throw Failure(incidentId, $"add the {artifact.Type} artifact '{artifact.Value}' to", error);
            }
        }
    }

    /// <summary>Posts the refresh note ("AWS GuardDuty finding Payload for refresh:" and the finding).</summary>
    public async Task AddNoteAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        try
        {
            await soar.Notes.AddAsync(incidentId, mapped.Note.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw Failure(incidentId, "add the refresh note to", error);
        }
    }

    /// <summary>
    /// Makes each table hold exactly the mapped rows (§8 #12: the reference appended rows on every refresh). Every table
    /// is attempted even when one fails, so the others are consistent; then one error names each table that could not be
    /// replaced, in the mapper's order. Returns the rows written.
    /// </summary>
    public async Task<int> ReplaceTablesAsync(long incidentId, MappedFinding mapped, CancellationToken cancellationToken)
    {
        var tables = mapped.DataTables;
        var failures = new ConcurrentDictionary<string, SoarException>(StringComparer.Ordinal);
        var written = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = TableConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tables, parallel, async (table, ct) =>
        {
            var rows = table.Rows.Select(Cells).ToList();
            try
            {
                await soar.DataTables.ReplaceRowsAsync(incidentId, table.Table, rows, ct).ConfigureAwait(false);
                Interlocked.Add(ref written, rows.Count);
            }
            catch (SoarException error)
            {
                failures[table.Table] = error;
            }
        }).ConfigureAwait(false);

        if (failures.IsEmpty)
            return written;

        var failed = tables.Select(t => t.Table).Where(failures.ContainsKey).ToList();
        var detail = string.Join("; ", failed.Select(t => $"{t}: {failures[t].Message}"));
        throw new IncidentRefreshException(
            $"Could not replace the rows of data table{(failed.Count == 1 ? "" : "s")} {string.Join(", ", failed)} of incident {incidentId}: {detail}",
            failures[failed[0]]);
    }

    /// <summary>
    /// Everything (<c>aws_gd_update_mode = direct</c>): maps against the incident's artifacts, sets the fields,
    /// replaces every table's rows, adds the missing artifacts, then the refresh note. Returns what was mapped.
    /// </summary>
    public async Task<MappedFinding> RefreshAsync(long incidentId, JObject botoFinding, string region, string? listedBy, CancellationToken cancellationToken)
    {
        var mapped = await MapAsync(incidentId, botoFinding, region, listedBy, cancellationToken).ConfigureAwait(false);
        await UpdateFieldsAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
        await ReplaceTablesAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
        await AddArtifactsAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
        await AddNoteAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
        return mapped;
    }

    /// <summary>A row's cells by column api name, as <see cref="Soar.Api.DataTablesApi"/> sends them.</summary>
    public static IReadOnlyDictionary<string, JToken?> Cells(DataTableRow row) =>
        row.Cells.ToDictionary(c => c.Key, c => (JToken?)c.Value, StringComparer.Ordinal);

    private static IncidentRefreshException Failure(long incidentId, string action, SoarException error) =>
        error is SoarHttpException { StatusCode: HttpStatusCode.NotFound }
            ? new IncidentRefreshException($"Incident {incidentId} was not found in SOAR.", error)
            : new IncidentRefreshException($"Could not {action} incident {incidentId}: {error.Message}", error);
}
