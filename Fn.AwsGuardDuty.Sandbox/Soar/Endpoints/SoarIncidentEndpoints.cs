using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary>Incidents: create, get, PATCH, PUT, query and query_paged (soar-protocol §6.2-§6.3).</summary>
internal sealed class SoarIncidentEndpoints(SoarEmulatorState state)
{
    private const string Base = "/rest/orgs/{org}/incidents";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("POST", Base, Create),
        new("GET", Base + "/{id}", Get),
        new("PATCH", Base + "/{id}", Patch),
        new("PUT", Base + "/{id}", Put),
        new("POST", Base + "/query_paged", QueryPaged),
        new("POST", Base + "/query", Query),
    ];

    internal static SoarIncidentRecord Find(SoarOrgState org, long id) =>
        org.Incidents.TryGetValue(id, out var record) ? record : throw SoarHttpException.NotFound($"Incident {id} was not found.");

    internal static (SoarFieldDefinition, Func<SoarIncidentRecord, object?>)? ResolveField(SoarSchema schema, string name)
    {
        var custom = name.StartsWith("properties.", StringComparison.Ordinal);
        var field = schema.FindIncidentField(name) ?? (schema.IncidentFields.GetValueOrDefault(name) is { IsCustom: true } bare ? bare : null);
        if (field is null)
        {
            return null;
        }

        var fieldName = field.Name;
        var isCustom = field.IsCustom;
        return (field, r => r.GetValue(fieldName, isCustom));
    }

    private async Task<SoarResult> Create(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        JObject json;
        SoarIncidentChangedEventArgs change;
        lock (org.Gate)
        {
            (var record, change) = SoarIncidentWriter.Create(org, body, request.Caller.CreatorId);
            json = SoarRenderer.Incident(org, record, request.Names, "full");
        }

        state.Raise(org, change);
        return SoarResult.Ok(json);
    }

    private Task<SoarResult> Get(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        var level = ReturnLevel(request, "full");
        lock (org.Gate)
        {
            return Task.FromResult(SoarResult.Ok(SoarRenderer.Incident(org, Find(org, id), request.Names, level)));
        }
    }

    private async Task<SoarResult> Patch(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        JObject status;
        SoarIncidentChangedEventArgs? change;
        lock (org.Gate)
        {
            (status, change) = SoarIncidentWriter.Patch(org, Find(org, id), body);
        }

        state.Raise(org, change);
        return SoarResult.Ok(status);
    }

    private async Task<SoarResult> Put(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var org = request.Org;
        var id = request.Id("id");
        JObject json;
        SoarIncidentChangedEventArgs? change;
        lock (org.Gate)
        {
            var record = Find(org, id);
            change = SoarIncidentWriter.Put(org, record, body);
            json = SoarRenderer.Incident(org, record, request.Names, "full");
        }

        state.Raise(org, change);
        return SoarResult.Ok(json);
    }

    private async Task<SoarResult> QueryPaged(SoarRequest request)
    {
        var (total, filtered, data) = await RunAsync(request).ConfigureAwait(false);
        return SoarResult.Ok(new JObject { ["recordsTotal"] = total, ["recordsFiltered"] = filtered, ["data"] = data });
    }

    private async Task<SoarResult> Query(SoarRequest request) => SoarResult.Ok((await RunAsync(request).ConfigureAwait(false)).Data);

    private static async Task<(int Total, int Filtered, JArray Data)> RunAsync(SoarRequest request)
    {
        var body = await request.BodyAsync().ConfigureAwait(false);
        var level = ReturnLevel(request, "normal");
        var org = request.Org;
        lock (org.Gate)
        {
            var query = SoarQuery<SoarIncidentRecord>.Parse(body, name => ResolveField(org.Schema, name));
            var matching = query.Sort(org.Incidents.Values.Where(query.Matches).OrderBy(r => r.Id));
            var data = new JArray(query.Page(matching).Select(r => SoarRenderer.Incident(org, r, request.Names, level)));
            return (org.Incidents.Count, matching.Count, data);
        }
    }

    private static string ReturnLevel(SoarRequest request, string fallback)
    {
        var level = request.Query("return_level") ?? fallback;
        return level is "partial" or "normal" or "full"
            ? level
            : throw SoarHttpException.BadRequest($"Unknown return_level '{level}'; use partial, normal or full.");
    }
}
