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
/// complete current rows (so the playbook script can replace the incident's rows instead of appending). No finding:
/// content <c>{}</c>, nothing written. As in the reference, any failure (AWS or SOAR) fails the call.
/// </summary>
public sealed class RefreshFindingFunction(
    GuardDutyClientFactory clients, SoarClient soar, FindingMapper mapper, ILogger<RefreshFindingFunction> logger) : IFunctionHandler
{
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
        logger.LogInformation(
            "Refreshed incident {IncidentId} from finding {FindingId} in {Region}: {NewArtifacts} new artifact(s) of {Found} found",
            incidentId, findingId, region, mapped.Artifacts.Count, mapped.ArtifactValuesFound);
        return FunctionResult.Ok(mapped.ToRefreshContentJson());
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
