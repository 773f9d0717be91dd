using Fn.AwsGuardDuty.Soar.Http;
using Fn.AwsGuardDuty.Soar.Queries;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Incident artifacts: list (GET or query_paged) and add.</summary>
public sealed class ArtifactsApi
{
    private readonly SoarConnection _connection;
    private readonly AmbiguousWrite _write;

    internal ArtifactsApi(SoarConnection connection, AmbiguousWrite write)
    {
        _connection = connection;
        _write = write;
    }

    /// <summary>
    /// <c>GET /incidents/{id}/artifacts?handle_format=names</c>: every artifact of the incident, its <c>type</c> given
    /// by name (SOAR resolves the type ids in the same call), so callers compare artifacts by type and value.
    /// </summary>
    public async Task<IReadOnlyList<JObject>> ListAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var path = IncidentsApi.IncidentPath(incidentId) + "/artifacts?handle_format=names";
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

    /// <summary>
    /// <c>POST /incidents/{id}/artifacts</c>. SOAR answers with a LIST of the created artifacts. After a failure that
    /// SOAR may have committed (a 502 from a gateway, say) the incident's artifacts are read: when one has this value
    /// (and this description, or a type of this name) it is returned instead of adding a second one.
    /// </summary>
    public Task<IReadOnlyList<JObject>> AddAsync(long incidentId, JObject artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var path = IncidentsApi.IncidentPath(incidentId) + "/artifacts";
        return _write.SendAsync<IReadOnlyList<JObject>>(
            $"artifact on incident {incidentId}",
            async ct =>
            {
                var json = await _connection.SendJsonAsync(SoarRequest.Post(path, artifact), ct).ConfigureAwait(false);
                return json switch
                {
                    JArray array => array.OfType<JObject>().ToList(),
                    JObject single => [single],
                    _ => throw new SoarProtocolException($"SOAR POST {path} returned {SoarConnection.Describe(json)} where a list was expected"),
                };
            },
            async ct =>
            {
                var listed = await ListAsync(incidentId, ct).ConfigureAwait(false);
                var landed = listed.LastOrDefault(a => IsSame(a, artifact));
                return landed is null ? null : [landed];
            },
            cancellationToken);
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

    /// <summary>
    /// Whether a listed artifact is the one <paramref name="sent"/> describes: the same value and, when a description
    /// was sent, the same description (it names the type); without one, the same type name (SOAR may list a type by
    /// its display name where its api name was sent, so names compare without case, and a type sent by id is not compared).
    /// </summary>
    internal static bool IsSame(JObject listed, JObject sent)
    {
        if (TextOf(listed["value"]) is not { } value || value != TextOf(sent["value"]))
        {
            return false;
        }

        if (TextOf(sent["description"]) is { } description)
        {
            return description == TextOf(listed["description"]);
        }

        var sentType = sent["type"] is JObject typeObject ? typeObject["name"] ?? typeObject["id"] : sent["type"];
        return sentType is not JValue { Type: JTokenType.String } name
            || listed["type"] is not JValue { Type: JTokenType.String } listedName
            || string.Equals(name.Value<string>(), listedName.Value<string>(), StringComparison.OrdinalIgnoreCase);
    }

    private static string? TextOf(JToken? token) => token switch
    {
        JObject rich => TextOf(rich["content"]),
        JValue { Value: not null } scalar => scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
