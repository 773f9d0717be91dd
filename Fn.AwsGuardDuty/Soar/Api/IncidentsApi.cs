using System.Net;
using Fn.AwsGuardDuty.Soar.Http;
using Fn.AwsGuardDuty.Soar.Patching;
using Fn.AwsGuardDuty.Soar.Queries;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>
/// Incidents: create, get, PATCH with bounded conflict re-apply, PUT, queries and close.
/// Creating is a POST and is not repeated after a broken connection (see <see cref="RetryClassifier"/>); callers
/// that must not duplicate incidents query for the incident first, and create with <see cref="SoarRetryPolicy.SafeOnly"/>
/// so that a 5xx answered after SOAR committed is not repeated blindly either.
/// </summary>
public sealed class IncidentsApi
{
    private readonly SoarConnection _connection;
    private readonly TypesApi _types;
    private readonly int _maxConflictAttempts;
    private readonly ILogger _logger;

    internal IncidentsApi(SoarConnection connection, TypesApi types, int maxConflictAttempts, ILogger logger)
    {
        _connection = connection;
        _types = types;
        _maxConflictAttempts = maxConflictAttempts;
        _logger = logger;
    }

    /// <summary><c>POST /incidents</c> (the payload may hold <c>artifacts[]</c> and <c>comments[]</c>); returns the created incident.</summary>
    public Task<JObject> CreateAsync(JObject incident, CancellationToken cancellationToken = default) =>
        CreateAsync(incident, SoarRetryPolicy.Default, cancellationToken);

    /// <summary>
    /// <c>POST /incidents</c> with the given transport retry rule. With <see cref="SoarRetryPolicy.SafeOnly"/> a 5xx
    /// (<see cref="SoarHttpException"/>), a timeout or a connection lost after sending (<see cref="SoarConnectionException"/>)
    /// surfaces after one attempt: the incident may or may not exist, and the caller should look it up before creating again.
    /// </summary>
    public Task<JObject> CreateAsync(JObject incident, SoarRetryPolicy retry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return _connection.SendObjectAsync(SoarRequest.Post("/incidents", incident) with { RetryPolicy = retry }, cancellationToken);
    }

    /// <summary>
    /// As <see cref="CreateAsync(JObject, SoarRetryPolicy, CancellationToken)"/>, for a caller that needs only the new
    /// incident's id (the poller): the incident SOAR echoes back is not parsed. A 2xx without an integer id is a
    /// <see cref="SoarProtocolException"/>, like an unreadable one (the incident may exist).
    /// </summary>
    public async Task<long> CreateForIdAsync(JObject incident, SoarRetryPolicy retry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return await _connection.SendForIdAsync(SoarRequest.Post("/incidents", incident) with { RetryPolicy = retry }, cancellationToken).ConfigureAwait(false)
            ?? throw new SoarProtocolException("SOAR created an incident but returned no id");
    }

    /// <summary><c>GET /incidents/{id}</c>, with <c>?handle_format=names</c> when <paramref name="handleNames"/>.</summary>
    public Task<JObject> GetAsync(long incidentId, bool handleNames = false, CancellationToken cancellationToken = default) =>
        _connection.SendObjectAsync(SoarRequest.Get(IncidentPath(incidentId) + (handleNames ? "?handle_format=names" : "")), cancellationToken);

    /// <summary><c>PUT /incidents/{id}</c> with the full object (a 409 surfaces as <see cref="SoarHttpException"/>; see <see cref="GetPutAsync"/>).</summary>
    public Task<JObject> PutAsync(long incidentId, JObject incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return _connection.SendObjectAsync(SoarRequest.Put(IncidentPath(incidentId), incident), cancellationToken);
    }

    /// <summary>GET, <paramref name="apply"/> in place (false: nothing to change), PUT; a 409 starts over, up to the conflict limit.</summary>
    public Task<JObject> GetPutAsync(long incidentId, Func<JObject, bool> apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return ConflictRetry.GetPutAsync(_connection, IncidentPath(incidentId), apply, _maxConflictAttempts, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="patch"/> as given. On a 409 or a stale <c>success:false</c>, re-reads the incident and
    /// re-applies the patch's new values (bounded); throws <see cref="SoarPatchConflictException"/> when that never settles
    /// and <see cref="SoarPatchException"/> when SOAR rejects it for another reason.
    /// </summary>
    public async Task<PatchResult> PatchAsync(long incidentId, SoarPatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.IsEmpty)
        {
            return PatchResult.NoChange(0);
        }

        var outcome = await SendPatchAsync(incidentId, patch, cancellationToken).ConfigureAwait(false);
        if (outcome.Status is { } status)
        {
            return new PatchResult(true, 1, patch.Changes, status);
        }

        return await ReapplyAsync(incidentId, patch.IntendedValues(), 1, outcome.Failures, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets fields to the given values: reads the incident (names, not ids), builds the PATCH from its current values
    /// (see <see cref="IncidentPatchBuilder"/>), sends it, and re-reads/re-applies on conflict (bounded).
    /// No PATCH is sent when the incident already holds every value.
    /// </summary>
    public Task<PatchResult> UpdateAsync(long incidentId, IReadOnlyDictionary<string, JToken?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ReapplyAsync(incidentId, values, 0, [], cancellationToken);
    }

    /// <summary>
    /// Closes with a template (e.g. <c>resolution_id</c>, <c>resolution_summary</c>): every field the incident type
    /// requires on close must be in the template, else <see cref="SoarRequiredFieldsException"/> before any PATCH.
    /// <c>plan_status: "C"</c> is added when absent. SOAR refusing the close for required fields also raises
    /// <see cref="SoarRequiredFieldsException"/>. An incident found closed (before the PATCH, or on the re-read after a
    /// conflict) is left as it is: <see cref="PatchResult.Changed"/> is false.
    /// </summary>
    public async Task<PatchResult> CloseAsync(long incidentId, IReadOnlyDictionary<string, JToken?> template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        var required = await _types.GetFieldsRequiredOnCloseAsync(cancellationToken).ConfigureAwait(false);
        var missing = required.Where(f => !f.IsGivenBy(template.Keys)).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            throw new SoarRequiredFieldsException(
                $"Cannot close incident {incidentId}: the close template lacks the field(s) SOAR requires on close: {string.Join(", ", missing)}",
                missing, fromServer: false);
        }

        var values = new Dictionary<string, JToken?>(template, StringComparer.Ordinal);
        if (!values.ContainsKey("plan_status"))
        {
            values["plan_status"] = "C";
        }

        try
        {
            // Someone may close it first (an analyst, a playbook's script): their close and resolution stand.
            var result = await ReapplyAsync(incidentId, values, 0, [], cancellationToken, stillWanted: IsOpen).ConfigureAwait(false);
            if (result.Changed)
            {
                _logger.LogInformation("SOAR incident {IncidentId} closed", incidentId);
            }
            else
            {
                _logger.LogInformation("SOAR incident {IncidentId} was already closed; its close is left as it is", incidentId);
            }

            return result;
        }
        catch (SoarPatchException ex) when (ex is not SoarPatchConflictException)
        {
            var named = NamedFields(ex, required);
            throw new SoarRequiredFieldsException(
                $"SOAR refused to close incident {incidentId}" + (named.Count > 0 ? $"; required field(s): {string.Join(", ", named)}" : "") + $": {ex.Message}",
                named, fromServer: true);
        }
    }

    /// <summary>One page of <c>POST /incidents/query_paged?return_level=…</c>.</summary>
    public Task<QueryPage> QueryPageAsync(QueryRequest query, int start, int length, ReturnLevel returnLevel = ReturnLevel.Normal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryPager.PageAsync(_connection, QueryPagedPath(returnLevel), query, start, length, cancellationToken);
    }

    /// <summary>Every match of <c>query_paged</c>, fetched <paramref name="pageSize"/> at a time as you enumerate.</summary>
    public IAsyncEnumerable<JObject> QueryPagedAsync(QueryRequest query, int pageSize = 500, ReturnLevel returnLevel = ReturnLevel.Normal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return QueryPager.EnumerateAsync(_connection, QueryPagedPath(returnLevel), query, pageSize, cancellationToken);
    }

    /// <summary>The unpaged <c>POST /incidents/query?return_level=…</c>, which answers with a list.</summary>
    public async Task<IReadOnlyList<JObject>> QueryAsync(QueryRequest query, ReturnLevel returnLevel = ReturnLevel.Normal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "/incidents/query?return_level=" + ReturnLevelText(returnLevel);
        var json = await _connection.SendJsonAsync(SoarRequest.Query(path, query.ToJson()), cancellationToken).ConfigureAwait(false);
        return json is JArray array
            ? array.OfType<JObject>().ToList()
            : throw new SoarProtocolException($"SOAR POST {path} returned {SoarConnection.Describe(json)} where a list was expected");
    }

    internal static string IncidentPath(long incidentId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(incidentId);
        return $"/incidents/{incidentId}";
    }

    internal static string ReturnLevelText(ReturnLevel level) => level switch
    {
        ReturnLevel.Partial => "partial",
        ReturnLevel.Full => "full",
        _ => "normal",
    };

    private static string QueryPagedPath(ReturnLevel level) => "/incidents/query_paged?return_level=" + ReturnLevelText(level);

    private static bool IsOpen(JObject incident) => incident.Value<string>("plan_status") != "C";

    /// <param name="stillWanted">Checked on each read of the incident: false means the change no longer applies (nothing is sent).</param>
    private async Task<PatchResult> ReapplyAsync(
        long incidentId, IReadOnlyDictionary<string, JToken?> values, int attemptsSoFar, IReadOnlyList<FieldFailure> lastFailures, CancellationToken cancellationToken,
        Func<JObject, bool>? stillWanted = null)
    {
        var attempts = attemptsSoFar;
        while (attempts < _maxConflictAttempts)
        {
            var incident = await GetAsync(incidentId, handleNames: true, cancellationToken).ConfigureAwait(false);
            if (stillWanted is not null && !stillWanted(incident))
            {
                return PatchResult.NoChange(attempts);
            }

            var patch = IncidentPatchBuilder.Build(incident, values);
            if (patch.IsEmpty)
            {
                return PatchResult.NoChange(attempts);
            }

            attempts++;
            var outcome = await SendPatchAsync(incidentId, patch, cancellationToken).ConfigureAwait(false);
            if (outcome.Status is { } status)
            {
                return new PatchResult(true, attempts, patch.Changes, status);
            }

            lastFailures = outcome.Failures;
            _logger.LogInformation("SOAR incident {IncidentId} changed under us (attempt {Attempt} of {Max}); re-reading and re-applying",
                incidentId, attempts, _maxConflictAttempts);
        }

        var detail = lastFailures.Count > 0 ? ": " + string.Join("; ", lastFailures) : "";
        throw new SoarPatchConflictException(
            $"SOAR incident {incidentId} still conflicted after {attempts} PATCH attempt(s){detail}", lastFailures, attempts);
    }

    /// <summary>One PATCH. Applied → status; conflict → failures (status null); any other refusal throws.</summary>
    private async Task<(PatchStatus? Status, IReadOnlyList<FieldFailure> Failures)> SendPatchAsync(long incidentId, SoarPatch patch, CancellationToken cancellationToken)
    {
        var request = SoarRequest.Patch(IncidentPath(incidentId), patch.ToJson());
        var response = await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.Conflict)
        {
            return (null, TryReadFailures(response));
        }

        if (response.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            var failures = TryReadFailures(response);
            throw new SoarPatchException(
                $"SOAR refused PATCH {request.Path} (HTTP {(int)response.Status}): {response.ServerMessage() ?? "no message"}"
                + (failures.Count > 0 ? "; field failures: " + string.Join("; ", failures) : ""),
                failures, 1);
        }

        SoarConnection.EnsureSuccess(request, response);
        var status = PatchStatus.Parse(response.Json("PATCH " + request.Path));
        if (status.Success)
        {
            return (status, []);
        }

        if (status.IsConflict)
        {
            return (null, status.FieldFailures);
        }

        throw new SoarPatchException(
            $"SOAR did not apply PATCH {request.Path}: {status.Title} {status.Message}".TrimEnd()
            + (status.Hints.Count > 0 ? " (" + string.Join("; ", status.Hints) + ")" : ""),
            status.FieldFailures, 1);
    }

    private static IReadOnlyList<FieldFailure> TryReadFailures(SoarResponse response)
    {
        try
        {
            return response.Json("PATCH") is JObject obj ? PatchStatus.ReadFailures(obj) : [];
        }
        catch (SoarProtocolException)
        {
            return [];
        }
    }

    /// <summary>The required-on-close fields SOAR's refusal names (by api name or label), or the failing fields it lists.</summary>
    private static IReadOnlyList<string> NamedFields(SoarPatchException ex, IReadOnlyList<RequiredField> required)
    {
        var names = ex.FieldFailures.Select(f => f.Field).ToList();
        foreach (var field in required)
        {
            if (ex.Message.Contains(field.Name, StringComparison.OrdinalIgnoreCase)
                || (field.Label is { Length: > 0 } label && ex.Message.Contains(label, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(field.Name);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
