using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Customization imports (<c>/configurations/imports</c>): upload an export, then accept or reject it.</summary>
public sealed class ImportsApi
{
    private readonly SoarConnection _connection;

    internal ImportsApi(SoarConnection connection) => _connection = connection;

    /// <summary>
    /// <c>POST /configurations/imports</c> with the export JSON; the answer has <c>id</c> and <c>status</c> (PENDING until
    /// confirmed). Like every write, not repeated after a 5xx or a lost answer: SOAR may hold it already (PENDING, so
    /// nothing changed), and <c>customize</c> can simply be run again.
    /// </summary>
    public Task<JObject> CreateAsync(JObject exportDefinition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exportDefinition);
        return _connection.SendObjectAsync(SoarRequest.Post("/configurations/imports", exportDefinition), cancellationToken);
    }

    /// <summary><c>GET /configurations/imports/{id}</c>.</summary>
    public Task<JObject> GetAsync(long importId, CancellationToken cancellationToken = default) =>
        _connection.SendObjectAsync(SoarRequest.Get(ImportPath(importId)), cancellationToken);

    /// <summary><c>PUT /configurations/imports/{id}</c> with the import's status set to ACCEPTED or REJECTED.</summary>
    public Task<JObject> ConfirmAsync(JObject pendingImport, bool accept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pendingImport);
        if (pendingImport["id"] is not { Type: JTokenType.Integer } id)
        {
            throw new ArgumentException("The import has no numeric 'id'", nameof(pendingImport));
        }

        var body = (JObject)pendingImport.DeepClone();
        body["status"] = accept ? "ACCEPTED" : "REJECTED";
        return _connection.SendObjectAsync(SoarRequest.Put(ImportPath(id.Value<long>()), body), cancellationToken);
    }

    /// <summary>Uploads and, when SOAR holds it PENDING, confirms it; returns the final import (check its <c>status</c>).</summary>
    public async Task<JObject> ImportAsync(JObject exportDefinition, bool accept = true, CancellationToken cancellationToken = default)
    {
        var created = await CreateAsync(exportDefinition, cancellationToken).ConfigureAwait(false);
        return string.Equals(created.Value<string>("status"), "PENDING", StringComparison.OrdinalIgnoreCase)
            ? await ConfirmAsync(created, accept, cancellationToken).ConfigureAwait(false)
            : created;
    }

    private static string ImportPath(long importId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(importId);
        return $"/configurations/imports/{importId}";
    }
}
