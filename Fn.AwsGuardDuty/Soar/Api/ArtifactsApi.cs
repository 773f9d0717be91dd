using Fn.AwsGuardDuty.Soar.Http;
using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Incident artifacts: list (GET or query_paged) and add.</summary>
public sealed class ArtifactsApi
{
    private readonly SoarConnection _connection;

    internal ArtifactsApi(SoarConnection connection) => _connection = connection;

    /// <summary><c>GET /incidents/{id}/artifacts</c>: every artifact of the incident.</summary>
    public async Task<IReadOnlyList<JObject>> ListAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var path = IncidentsApi.IncidentPath(incidentId) + "/artifacts";
        var json = await _connection.SendJsonAsync(SoarRequest.Get(path), cancellationToken).ConfigureAwait(false);
        return json is JArray array
            ? array.OfType<JObject>().ToList()
            : throw new SoarProtocolException($"SOAR GET {path} returned {SoarConnection.Describe(json)} where a list was expected");
    }

    /// <summary><c>POST /incidents/{id}/artifacts/query_paged</c>, paged for you (as resilient_lib.get_artifacts reads it).</summary>
    public IAsyncEnumerable<JObject> QueryAsync(long incidentId, QueryRequest? query = null, int pageSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var path = IncidentsApi.IncidentPath(incidentId) + "/artifacts/query_paged";
        return QueryPager.EnumerateAsync(_connection, path, query ?? new QueryRequest(), pageSize, cancellationToken);
    }

    /// <summary><c>POST /incidents/{id}/artifacts</c>. SOAR answers with a LIST of the created artifacts.</summary>
    public async Task<IReadOnlyList<JObject>> AddAsync(long incidentId, JObject artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var path = IncidentsApi.IncidentPath(incidentId) + "/artifacts";
        var json = await _connection.SendJsonAsync(SoarRequest.Post(path, artifact), cancellationToken).ConfigureAwait(false);
        return json switch
        {
            JArray array => array.OfType<JObject>().ToList(),
            JObject single => [single],
            _ => throw new SoarProtocolException($"SOAR POST {path} returned {SoarConnection.Describe(json)} where a list was expected"),
        };
    }

    /// <summary>Adds one artifact of a type given by api name or display name, e.g. <c>"IP Address"</c>.</summary>
    public Task<IReadOnlyList<JObject>> AddAsync(long incidentId, string type, string value, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrEmpty(value);
        return AddAsync(incidentId, Build(type, value, description), cancellationToken);
    }

    /// <summary>The artifact DTO used inline in an incident's <c>artifacts[]</c> and by <see cref="AddAsync(long, JObject, CancellationToken)"/>.</summary>
    public static JObject Build(string type, string value, string? description = null)
    {
        var artifact = new JObject { ["type"] = new JObject { ["name"] = type }, ["value"] = value };
        if (description is not null)
        {
            artifact["description"] = new JObject { ["format"] = "text", ["content"] = description };
        }

        return artifact;
    }
}
