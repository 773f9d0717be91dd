using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary><c>/types/{type}</c> and <c>/types/{type}/fields</c>: incident, __function, actioninvocation and data tables.</summary>
internal sealed class SoarTypeEndpoints
{
    private const string Base = "/rest/orgs/{org}/types";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("GET", Base + "/{type}", GetType),
        new("GET", Base + "/{type}/fields", GetFields),
    ];

    private static Task<SoarResult> GetType(SoarRequest request)
    {
        var org = request.Org;
        var name = request.Value("type");
        lock (org.Gate)
        {
            if (org.Schema.Tables.TryGetValue(name, out var table))
            {
                return Task.FromResult(SoarResult.Ok(table.ToJson()));
            }

            var (typeId, display, fields) = Describe(org.Schema, name);
            return Task.FromResult(SoarResult.Ok(new JObject
            {
                ["id"] = typeId,
                ["type_id"] = typeId,
                ["type_name"] = name,
                ["display_name"] = display,
                ["parent_types"] = new JArray(),
                ["fields"] = new JObject(fields.Select(f => new JProperty(f.Name, f.ToJson(typeId, org.Schema.EffectiveRequired(f))))),
            }));
        }
    }

    private static Task<SoarResult> GetFields(SoarRequest request)
    {
        var org = request.Org;
        var name = request.Value("type");
        lock (org.Gate)
        {
            if (org.Schema.Tables.TryGetValue(name, out var table))
            {
                return Task.FromResult(SoarResult.Ok(new JArray(table.Columns.Values.Select(c => c.ToJson(table.Id, c.Required)))));
            }

            var (typeId, _, fields) = Describe(org.Schema, name);
            return Task.FromResult(SoarResult.Ok(new JArray(fields.Select(f => f.ToJson(typeId, org.Schema.EffectiveRequired(f))))));
        }
    }

    private static (int TypeId, string Display, IEnumerable<SoarFieldDefinition> Fields) Describe(SoarSchema schema, string name) => name switch
    {
        "incident" => (0, "Incident", schema.IncidentFields.Values),
        "__function" => (11, "Function", schema.FunctionFields.Values),
        "actioninvocation" => (6, "Action Invocation", []),
        _ => throw SoarHttpException.NotFound($"Type '{name}' does not exist."),
    };
}
