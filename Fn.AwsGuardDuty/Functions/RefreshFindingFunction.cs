using System.Collections.Concurrent;
using System.Net;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>func_aws_guardduty_refresh_finding</c> (guardduty-app.md §4.3): reads the finding, maps it for a refresh against
/// the incident's existing artifacts, posts the refresh note ("AWS GuardDuty finding Payload for refresh:" and the
/// finding as JSON) to the incident, and returns <c>{timestamp, finding, region, payload, data_tables, artifacts}</c>
/// where <c>artifacts</c> are only those the incident lacks and <c>data_tables</c> holds, per table api name, the
/// complete current rows.
/// <para>
/// After the note, the function replaces the rows of the six gd_* tables itself over SOAR REST (§8 #12: the reference
/// appended rows on every refresh). A playbook script cannot do this: SOAR gives scripts <c>incident.addRow</c> but no
/// documented way to delete rows. The content says so with <c>"tables_replaced": true</c>, and the playbook scripts
/// then leave the tables alone; <c>data_tables</c> stays for compatibility. A table that cannot be replaced fails the
/// call, naming the table.
/// </para>
/// No finding: content <c>{}</c>, nothing written. As in the reference, any failure (AWS or SOAR) fails the call.
/// </summary>
public sealed class RefreshFindingFunction(
    GuardDutyClientFactory clients, SoarClient soar, FindingMapper mapper, ILogger<RefreshFindingFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.RefreshFinding, "AWS GuardDuty: Refresh Finding",
        "Resilient Function to refresh AWS GuardDuty finding details in an incident.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FindingId, InputNames.IncidentId], "2d1446f8-13fc-4400-af6a-c96b55d9a0df");

    /// <summary>The content key that tells the playbook scripts the function already replaced the table rows.</summary>
    public const string TablesReplacedKey = "tables_replaced";

    /// <summary>Tables replaced at once: small, so one refresh does not crowd the SOAR connection.</summary>
    private const int TableConcurrency = 3;

    private readonly FindingConverter _converter = new();

    public string Name => FunctionNames.RefreshFinding;

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var findingId = call.Inputs.RequiredId(InputNames.FindingId);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();
        var incidentId = call.Inputs.RequiredPositiveNumber(InputNames.IncidentId);

        var wire = await ReadFindingAsync(region, detectorId, findingId, cancellationToken).ConfigureAwait(false);
        if (wire is null)
        {
            logger.LogInformation("Refresh of incident {IncidentId}: finding {FindingId} of detector {DetectorId} in {Region} not found",
                incidentId, findingId, detectorId, region);
            return FunctionResult.Ok(new JObject());
        }

        var existing = await ReadArtifactsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        MappedFinding mapped;
        try
        {
            mapped = mapper.MapForRefresh(_converter.ToBoto(wire), region, existing);
        }
        catch (InvalidFindingException error)
        {
            throw new FunctionErrorException(error.Message, error);
        }

        await PostNoteAsync(incidentId, mapped.Note.Content, cancellationToken).ConfigureAwait(false);
        var rows = await ReplaceTablesAsync(incidentId, mapped.DataTables, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Refreshed incident {IncidentId} from finding {FindingId} in {Region}: {NewArtifacts} new artifact(s) of {Found} found, {Rows} row(s) in {Tables} table(s) replaced",
            incidentId, findingId, region, mapped.Artifacts.Count, mapped.ArtifactValuesFound, rows, mapped.DataTables.Count);
        var content = mapped.ToRefreshContentJson();
        content[TablesReplacedKey] = true;
        return FunctionResult.Ok(content);
    }

    /// <summary>
    /// Makes each table hold exactly the refreshed rows. Every table is attempted even when one fails, so the others
    /// are consistent; then the call fails naming each table that could not be replaced. Returns the rows written.
    /// </summary>
    private async Task<int> ReplaceTablesAsync(long incidentId, IReadOnlyList<DataTableData> tables, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentDictionary<string, SoarException>(StringComparer.Ordinal);
        var written = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = TableConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tables, parallel, async (table, ct) =>
        {
            var rows = table.Rows.Select(ToCells).ToList();
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

        // Report in the mapper's table order, so the message does not depend on which task finished first.
        var failed = tables.Select(t => t.Table).Where(failures.ContainsKey).ToList();
        var first = failures[failed[0]];
        var detail = string.Join("; ", failed.Select(t => $"{t}: {failures[t].Message}"));
        throw new FunctionErrorException(
            $"Could not replace the rows of data table{(failed.Count == 1 ? "" : "s")} {string.Join(", ", failed)} of incident {incidentId}: {detail}",
            first);
    }

    private static IReadOnlyDictionary<string, JToken?> ToCells(DataTableRow row) =>
        row.Cells.ToDictionary(c => c.Key, c => (JToken?)c.Value, StringComparer.Ordinal);

    private async Task<JObject?> ReadFindingAsync(string region, string detectorId, string findingId, CancellationToken cancellationToken)
    {
        try
        {
            var found = await clients.GetClient(region).GetFindingsAsync(detectorId, [findingId], cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return found.FirstOrDefault(f => (string?)f["id"] == findingId);
        }
        catch (GuardDutyException error)
        {
            // The reference's get() re-raises: the refresh call fails, and its playbook script never sees an error status.
            throw LegacyAwsErrors.Failure(error);
        }
    }

    /// <summary>The incident's artifacts with type names (<c>handle_format=names</c>), so they compare by (type, value).</summary>
    private async Task<IReadOnlyList<ExistingArtifact>> ReadArtifactsAsync(long incidentId, CancellationToken cancellationToken)
    {
        JToken? json;
        try
        {
            json = await soar.GetAsync($"/incidents/{incidentId}/artifacts?handle_format=names", cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw SoarFailure(incidentId, "read the artifacts of", error);
        }

        if (json is not JArray artifacts)
            throw new FunctionErrorException($"SOAR returned no artifact list for incident {incidentId}.");
        return artifacts.OfType<JObject>()
            .Where(a => a["value"] is JValue { Value: not null })
            .Select(a => new ExistingArtifact(a["type"] is JValue { Value: not null } type ? type.ToString() : null, a["value"]!.ToString()))
            .ToList();
    }

    private async Task PostNoteAsync(long incidentId, string content, CancellationToken cancellationToken)
    {
        try
        {
            await soar.Notes.AddAsync(incidentId, content, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException error)
        {
            throw SoarFailure(incidentId, "add the refresh note to", error);
        }
    }

    private static FunctionErrorException SoarFailure(long incidentId, string action, SoarException error) =>
        error is SoarHttpException { StatusCode: HttpStatusCode.NotFound }
            ? new FunctionErrorException($"Incident {incidentId} was not found in SOAR.", error)
            : new FunctionErrorException($"Could not {action} incident {incidentId}: {error.Message}", error);
}
