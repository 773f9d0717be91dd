using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Incident notes (<c>/incidents/{id}/comments</c>).</summary>
public sealed class NotesApi
{
    private readonly SoarConnection _connection;

    internal NotesApi(SoarConnection connection) => _connection = connection;

    /// <summary><c>POST /incidents/{id}/comments</c> with <c>{"text":{"format","content"}}</c>; returns the created note.</summary>
    public Task<JObject> AddAsync(long incidentId, string content, NoteFormat format = NoteFormat.Text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = IncidentsApi.IncidentPath(incidentId) + "/comments";
        return _connection.SendObjectAsync(SoarRequest.Post(path, Build(content, format)), cancellationToken);
    }

    /// <summary><c>GET /incidents/{id}/comments</c>.</summary>
    public async Task<IReadOnlyList<JObject>> ListAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var path = IncidentsApi.IncidentPath(incidentId) + "/comments";
        var json = await _connection.SendJsonAsync(SoarRequest.Get(path), cancellationToken).ConfigureAwait(false);
        return json is JArray array
            ? array.OfType<JObject>().ToList()
            : throw new SoarProtocolException($"SOAR GET {path} returned {SoarConnection.Describe(json)} where a list was expected");
    }

    /// <summary>The note DTO, also used inline in an incident's <c>comments[]</c>.</summary>
    public static JObject Build(string content, NoteFormat format = NoteFormat.Text) => new()
    {
        ["text"] = new JObject { ["format"] = format == NoteFormat.Html ? "html" : "text", ["content"] = content },
    };
}
