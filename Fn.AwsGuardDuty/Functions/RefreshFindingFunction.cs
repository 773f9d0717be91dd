using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Refresh;
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
/// An attack sequence is linked first (extensions.md §A, <see cref="SequenceLinking"/>): its signal rows carry the
/// incident ids of its member findings, and each member incident gets one note naming this incident.
/// <para/>
/// No finding: content <c>{}</c>, nothing written. As in the reference, any failure (AWS or SOAR) fails the call.
/// The SOAR side (artifacts read, mapping, note, tables) is <see cref="IncidentRefresher"/>, shared with the poller's
/// direct update mode.
/// </summary>
public sealed class RefreshFindingFunction(
    GuardDutyClientFactory clients, IncidentRefresher refresher, SequenceLinking linking, ILogger<RefreshFindingFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.RefreshFinding, "AWS GuardDuty: Refresh Finding",
        "Resilient Function to refresh AWS GuardDuty finding details in an incident.",
        [InputNames.Region, InputNames.DetectorId, InputNames.FindingId, InputNames.IncidentId], "2d1446f8-13fc-4400-af6a-c96b55d9a0df");

    /// <summary>The content key that tells the playbook scripts the function already replaced the table rows.</summary>
    public const string TablesReplacedKey = "tables_replaced";

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

        try
        {
            var mapped = await refresher.MapAsync(incidentId, _converter.ToBoto(wire), region, detectorId, cancellationToken).ConfigureAwait(false);
            var linked = await LinkAsync(mapped, region, detectorId, cancellationToken).ConfigureAwait(false);
            mapped = linked.Mapped;
            await refresher.AddNoteAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
            var rows = await refresher.ReplaceTablesAsync(incidentId, mapped, cancellationToken).ConfigureAwait(false);
            // After the rows, so a member's note never names a sequence whose table does not show the link yet.
            var notes = await linking.NoteMembersAsync(incidentId, mapped.Payload.Name, linked.Links, cancellationToken).ConfigureAwait(false);
            if (linked.Links.Count > 0)
                logger.LogInformation("Attack sequence of incident {IncidentId}: {Linked} member finding(s) linked to their incidents, {Notes} new link note(s)",
                    incidentId, linked.Links.Count, notes);
            logger.LogInformation(
                "Refreshed incident {IncidentId} from finding {FindingId} in {Region}: {NewArtifacts} new artifact(s) of {Found} found, {Rows} row(s) in {Tables} table(s) replaced",
                incidentId, findingId, region, mapped.Artifacts.Count, mapped.ArtifactValuesFound, rows, mapped.DataTables.Count);
            var content = mapped.ToRefreshContentJson();
            content[TablesReplacedKey] = true;
            return FunctionResult.Ok(content);
        }
        catch (InvalidFindingException error)
        {
            throw new FunctionErrorException(error.Message, error);
        }
        catch (IncidentRefreshException error)
        {
            throw new FunctionErrorException(error.Message, error.InnerException);
        }
    }

    /// <summary>
    /// An attack sequence's FINDING signals get their incidents' ids (one SOAR query for all of them), looked up in the
    /// sequence's detector and region: an administrator's detector lists its members' findings, so their incidents
    /// carry its id too.
    /// </summary>
    private async Task<LinkedSequence> LinkAsync(MappedFinding mapped, string region, string detectorId, CancellationToken cancellationToken)
    {
        var ids = SequenceLinking.FindingIds(mapped);
        if (ids.Count == 0) return new LinkedSequence(mapped, []);
        var incidents = await linking.LookupAsync(region, detectorId, ids, cancellationToken).ConfigureAwait(false);
        return SequenceLinking.Link(mapped, incidents);
    }

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
}
