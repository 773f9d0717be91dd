using Fn.AwsGuardDuty.Soar.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Message destinations (<c>/message_destinations</c>): list, get, put, and granting our account access.</summary>
public sealed class MessageDestinationsApi
{
    private readonly SoarConnection _connection;
    private readonly int _maxConflictAttempts;
    private readonly ILogger _logger;

    internal MessageDestinationsApi(SoarConnection connection, int maxConflictAttempts, ILogger logger)
    {
        _connection = connection;
        _maxConflictAttempts = maxConflictAttempts;
        _logger = logger;
    }

    /// <summary><c>GET /message_destinations</c> → its <c>entities</c>.</summary>
    public async Task<IReadOnlyList<JObject>> ListAsync(CancellationToken cancellationToken = default)
    {
        var json = await _connection.SendJsonAsync(SoarRequest.Get("/message_destinations"), cancellationToken).ConfigureAwait(false);
        return json switch
        {
            JObject obj when obj["entities"] is JArray entities => entities.OfType<JObject>().ToList(),
            JArray list => list.OfType<JObject>().ToList(),
            _ => throw new SoarProtocolException($"SOAR GET /message_destinations returned {SoarConnection.Describe(json)} without 'entities'"),
        };
    }

    /// <summary>The destination whose <c>programmatic_name</c> is <paramref name="programmaticName"/>, or null.</summary>
    public async Task<JObject?> FindAsync(string programmaticName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programmaticName);
        var all = await ListAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(d => d.Value<string>("programmatic_name") == programmaticName);
    }

    /// <summary><c>GET /message_destinations/{id}</c>.</summary>
    public Task<JObject> GetAsync(long destinationId, CancellationToken cancellationToken = default) =>
        _connection.SendObjectAsync(SoarRequest.Get(DestinationPath(destinationId)), cancellationToken);

    /// <summary><c>PUT /message_destinations/{id}</c> with the full object.</summary>
    public Task<JObject> PutAsync(long destinationId, JObject destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _connection.SendObjectAsync(SoarRequest.Put(DestinationPath(destinationId), destination), cancellationToken);
    }

    /// <summary>
    /// Lets the logged-in account consume from the destination, as customize does: the session's API key handle is
    /// added to <c>api_keys</c>, or (email/password) its user id to <c>users</c>. GET/PUT with a bounded 409 retry.
    /// Returns false when the account already had access (no PUT sent).
    /// </summary>
    public async Task<bool> GrantAccessAsync(long destinationId, CancellationToken cancellationToken = default)
    {
        var session = await _connection.GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var (listName, principal) = session switch
        {
            { ApiKeyHandle: { } handle } => ("api_keys", handle),
            { UserId: { } user } => ("users", user),
            _ => throw new SoarException("The SOAR session reported neither an api_key_handle nor a user_id; cannot grant destination access"),
        };

        var changed = false;
        await ConflictRetry.GetPutAsync(_connection, DestinationPath(destinationId), destination =>
        {
            changed = AddPrincipal(destination, listName, principal);
            return changed;
        }, _maxConflictAttempts, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            _logger.LogInformation("Granted {List} {Principal} access to SOAR message destination {DestinationId}", listName, principal, destinationId);
        }

        return changed;
    }

    internal static bool AddPrincipal(JObject destination, string listName, long principal)
    {
        if (destination[listName] is not JArray list)
        {
            list = [];
            destination[listName] = list;
        }

        var present = list.Any(item => item switch
        {
            JValue { Type: JTokenType.Integer } v => v.Value<long>() == principal,
            JObject o => o["id"] is { Type: JTokenType.Integer } id && id.Value<long>() == principal,
            _ => false,
        });
        if (present)
        {
            return false;
        }

        list.Add(principal);
        return true;
    }

    private static string DestinationPath(long destinationId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(destinationId);
        return $"/message_destinations/{destinationId}";
    }
}
