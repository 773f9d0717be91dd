using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary>Artifacts and comments of an incident. Adding an artifact answers a list, as SOAR does.</summary>
internal sealed class SoarArtifactEndpoints
{
    private const string Base = "/rest/orgs/{org}/incidents/{id}";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("POST", Base + "/artifacts", AddArtifact),
        new("GET", Base + "/artifacts", ListArtifacts),
        new("POST", Base + "/artifacts/query_paged", QueryArtifacts),
        new("POST", Base + "/comments", AddComment),
        new("GET", Base + "/comments", ListComments),
    ];

    private static async Task<SoarResult> AddArtifact(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            var (typeId, value, description) = SoarArtifactParser.Parse(org.Schema, body);
            var artifact = new SoarArtifactRecord
            {
                Id = org.NextChildId(),
                TypeId = typeId,
                Value = value,
                Description = description,
                Created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            };
            incident.Artifacts.Add(artifact);
            return SoarResult.Ok(new JArray(SoarRenderer.Artifact(org, id, artifact, request.Names)));
        }
    }

    private static Task<SoarResult> ListArtifacts(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            return Task.FromResult(SoarResult.Ok(new JArray(incident.Artifacts.Select(a => SoarRenderer.Artifact(org, id, a, request.Names)))));
        }
    }

    private static async Task<SoarResult> QueryArtifacts(SoarRequest request)
    {
        var body = await request.BodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            var typeField = new SoarFieldDefinition
            {
                Id = 0,
                Name = "type",
                TypeName = "artifact",
                InputType = "select",
                Values = org.Schema.ArtifactTypes.Select(t => new SoarSelectValue(t.Id, t.ProgrammaticName)).ToList(),
            };
            (SoarFieldDefinition, Func<SoarArtifactRecord, object?>)? Resolve(string name) => name switch
            {
                "value" => (Text("value"), a => a.Value),
                "description" => (Text("description"), a => a.Description),
                "id" => (new SoarFieldDefinition { Id = 0, Name = "id", TypeName = "artifact", InputType = "number" }, a => a.Id),
                "created" => (new SoarFieldDefinition { Id = 0, Name = "created", TypeName = "artifact", InputType = "datetimepicker" }, a => a.Created),
                "type" => (typeField, a => (long)a.TypeId),
                _ => null,
            };
            var query = SoarQuery<SoarArtifactRecord>.Parse(body, Resolve);
            var matching = query.Sort(incident.Artifacts.Where(query.Matches));
            return SoarResult.Ok(new JObject
            {
                ["recordsTotal"] = incident.Artifacts.Count,
                ["recordsFiltered"] = matching.Count,
                ["data"] = new JArray(query.Page(matching).Select(a => SoarRenderer.Artifact(org, id, a, request.Names))),
            });
        }
    }

    private static async Task<SoarResult> AddComment(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var (format, content) = SoarCommentParser.Parse(body);
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            var comment = new SoarCommentRecord
            {
                Id = org.NextChildId(),
                Format = format,
                Content = content,
                Created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                UserId = request.Caller.UserId,
                Author = request.Caller.DisplayName,
            };
            incident.Comments.Add(comment);
            return SoarResult.Ok(SoarRenderer.Comment(id, comment));
        }
    }

    private static Task<SoarResult> ListComments(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var incident = SoarIncidentEndpoints.Find(org, id);
            return Task.FromResult(SoarResult.Ok(new JArray(incident.Comments.Select(c => SoarRenderer.Comment(id, c)))));
        }
    }

    private static SoarFieldDefinition Text(string name) => new() { Id = 0, Name = name, TypeName = "artifact", InputType = "text" };
}
