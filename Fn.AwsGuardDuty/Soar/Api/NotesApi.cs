using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Incident notes (<c>/incidents/{id}/comments</c>).</summary>
public sealed class NotesApi
{
    private readonly SoarConnection _connection;
    private readonly AmbiguousWrite _write;

    internal NotesApi(SoarConnection connection, AmbiguousWrite write)
    {
        _connection = connection;
        _write = write;
    }

    /// <summary>
    /// <c>POST /incidents/{id}/comments</c> with <c>{"text":{"format","content"}}</c>; returns the created note. After a
    /// failure that SOAR may have committed, the incident's notes are read: when one holds exactly this text, it is
    /// returned instead of adding a second one (a note with the same text already says all this one would).
    /// </summary>
    public Task<JObject> AddAsync(long incidentId, string content, NoteFormat format = NoteFormat.Text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = IncidentsApi.IncidentPath(incidentId) + "/comments";
        return _write.SendAsync(
            $"note on incident {incidentId}",
            ct => _connection.SendObjectAsync(SoarRequest.Post(path, Build(content, format)), ct),
            async ct => (await ListAsync(incidentId, ct).ConfigureAwait(false)).LastOrDefault(n => TextOf(n) == content),
            cancellationToken);
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

    /// <summary>A listed note's text: SOAR lists it as a string (or, from some versions, as <c>{"format","content"}</c>).</summary>
    public static string? TextOf(JObject note) => note["text"] switch
    {
        JValue { Type: JTokenType.String } text => text.Value<string>(),
        JObject rich => rich.Value<string>("content"),
        _ => null,
    };
}
