using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary><c>/types</c>: type definitions and their fields. <c>GET /types/incident</c> is cached (close reads it every time).</summary>
public sealed class TypesApi
{
    private readonly SoarConnection _connection;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly Lock _cacheLock = new();
    private (JObject Type, DateTimeOffset Expires)? _incidentType;

    internal TypesApi(SoarConnection connection, TimeSpan ttl, TimeProvider time)
    {
        _connection = connection;
        _ttl = ttl;
        _time = time;
    }

    /// <summary><c>GET /types/{type}</c>; the incident type is served from a cache for <see cref="SoarClientOptions.TypesCacheTtl"/>.</summary>
    public async Task<JObject> GetTypeAsync(string typeName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        var isIncident = typeName == "incident";
        if (isIncident)
        {
            lock (_cacheLock)
            {
                if (_incidentType is { } cached && cached.Expires > _time.GetUtcNow())
                {
                    return cached.Type;
                }
            }
        }

        var type = await _connection.SendObjectAsync(SoarRequest.Get("/types/" + Uri.EscapeDataString(typeName)), cancellationToken).ConfigureAwait(false);
        if (isIncident)
        {
            lock (_cacheLock)
            {
                _incidentType = (type, _time.GetUtcNow() + _ttl);
            }
        }

        return type;
    }

    /// <summary>Drops the cached incident type (after a customize, for example).</summary>
    public void InvalidateCache()
    {
        lock (_cacheLock)
        {
            _incidentType = null;
        }
    }

    /// <summary><c>GET /types/{type}/fields</c>.</summary>
    public async Task<IReadOnlyList<JObject>> GetFieldsAsync(string typeName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        var json = await _connection.SendJsonAsync(SoarRequest.Get($"/types/{Uri.EscapeDataString(typeName)}/fields"), cancellationToken).ConfigureAwait(false);
        return json is JArray array
            ? array.OfType<JObject>().ToList()
            : throw new SoarProtocolException($"SOAR GET /types/{typeName}/fields returned {SoarConnection.Describe(json)} where a list was expected");
    }

    /// <summary>Incident fields with <c>"required": "close"</c>, from the cached incident type.</summary>
    public async Task<IReadOnlyList<RequiredField>> GetFieldsRequiredOnCloseAsync(CancellationToken cancellationToken = default)
    {
        var type = await GetTypeAsync("incident", cancellationToken).ConfigureAwait(false);
        return ReadRequiredOnClose(type);
    }

    internal static IReadOnlyList<RequiredField> ReadRequiredOnClose(JObject incidentType)
    {
        IEnumerable<(string Key, JObject Field)> fields = incidentType["fields"] switch
        {
            JObject map => map.Properties().Where(p => p.Value is JObject).Select(p => (p.Name, (JObject)p.Value)),
            JArray list => list.OfType<JObject>().Select(f => (f.Value<string>("name") ?? "", f)),
            _ => throw new SoarProtocolException("SOAR GET /types/incident returned no 'fields'"),
        };

        return fields
            .Where(f => string.Equals(f.Field.Value<string>("required"), "close", StringComparison.OrdinalIgnoreCase))
            .Select(f => new RequiredField(
                f.Field.Value<string>("name") ?? f.Key,
                f.Field.Value<string>("text"),
                string.Equals(f.Field.Value<string>("prefix"), "properties", StringComparison.Ordinal)))
            .Where(f => f.Name.Length > 0)
            .ToList();
    }
}
