using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;

/// <summary>Functions (read) and message destinations (read, and PUT to grant users and API keys).</summary>
internal sealed class SoarFunctionEndpoints(SoarEmulatorOptions options)
{
    private const string Base = "/rest/orgs/{org}";

    public IEnumerable<SoarRoute> Routes() =>
    [
        new("GET", Base + "/functions", ListFunctions),
        new("GET", Base + "/functions/{name}", GetFunction),
        new("GET", Base + "/message_destinations", ListDestinations),
        new("GET", Base + "/message_destinations/{id}", GetDestination),
        new("PUT", Base + "/message_destinations/{id}", PutDestination),
    ];

    private static Task<SoarResult> ListFunctions(SoarRequest request)
    {
        var org = request.Org;
        lock (org.Gate)
        {
            return Task.FromResult(SoarResult.Ok(new JObject
            {
                ["entities"] = new JArray(org.Schema.Functions.Values.OrderBy(f => f.Id).Select(f => Render(org, f, request.Names))),
            }));
        }
    }

    private static Task<SoarResult> GetFunction(SoarRequest request)
    {
        var org = request.Org;
        var name = request.Value("name");
        lock (org.Gate)
        {
            var function = org.Schema.Functions.GetValueOrDefault(name)
                ?? org.Schema.Functions.Values.FirstOrDefault(f => f.Id.ToString() == name)
                ?? throw SoarHttpException.NotFound($"Function '{name}' does not exist in org {org.Id}.");
            return Task.FromResult(SoarResult.Ok(Render(org, function, request.Names)));
        }
    }

    private static Task<SoarResult> ListDestinations(SoarRequest request)
    {
        var org = request.Org;
        lock (org.Gate)
        {
            return Task.FromResult(SoarResult.Ok(new JObject
            {
                ["entities"] = new JArray(org.Schema.Destinations.Values.OrderBy(d => d.Id).Select(d => d.ToJson())),
            }));
        }
    }

    private static Task<SoarResult> GetDestination(SoarRequest request)
    {
        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            return Task.FromResult(SoarResult.Ok(FindDestination(org, id).ToJson()));
        }
    }

    private async Task<SoarResult> PutDestination(SoarRequest request)
    {
        var body = await request.ObjectBodyAsync().ConfigureAwait(false);
        var users = ReadIds(body, "users");
        var apiKeys = ReadIds(body, "api_keys");
        var unknownUsers = (users ?? []).Where(u => options.Users.All(o => o.UserId != u)).ToList();
        var unknownKeys = (apiKeys ?? []).Where(k => options.ApiKeys.All(o => o.Handle != k)).ToList();
        if (unknownUsers.Count + unknownKeys.Count > 0)
        {
            throw SoarHttpException.BadRequest(
                $"Unknown principals: users [{string.Join(", ", unknownUsers)}], api keys [{string.Join(", ", unknownKeys)}].");
        }

        var org = request.Org;
        var id = request.Id("id");
        lock (org.Gate)
        {
            var destination = FindDestination(org, id);
            if (body["programmatic_name"] is { Type: JTokenType.String } pn && pn.Value<string>() != destination.ProgrammaticName)
            {
                throw SoarHttpException.BadRequest("The programmatic_name of a message destination cannot be changed.");
            }

            if (body["name"] is { Type: JTokenType.String } name && !string.IsNullOrWhiteSpace(name.Value<string>()))
            {
                destination.Name = name.Value<string>()!;
            }

            if (body["expect_ack"] is { Type: JTokenType.Boolean } ack)
            {
                destination.ExpectAck = ack.Value<bool>();
            }

            if (users is not null)
            {
                destination.Users.Clear();
                destination.Users.AddRange(users.Distinct());
            }

            if (apiKeys is not null)
            {
                destination.ApiKeys.Clear();
                destination.ApiKeys.AddRange(apiKeys.Distinct());
            }
            return SoarResult.Ok(destination.ToJson());
        }
    }

    private static JObject Render(SoarOrgState org, SoarFunctionDefinition function, bool names) =>
        function.ToJson(org.Schema.FindDestination(function.DestinationId)?.ProgrammaticName ?? "", names);

    private static SoarMessageDestination FindDestination(SoarOrgState org, long id) =>
        org.Schema.Destinations.Values.FirstOrDefault(d => d.Id == id)
        ?? throw SoarHttpException.NotFound($"Message destination {id} does not exist in org {org.Id}.");

    /// <summary>null when the key is absent, so a partial PUT leaves that list alone.</summary>
    private static List<int>? ReadIds(JObject body, string name) => body[name] switch
    {
        null => null,
        { Type: JTokenType.Null } => [],
        JArray array when array.All(t => t.Type == JTokenType.Integer) => array.Select(t => t.Value<int>()).ToList(),
        _ => throw SoarHttpException.BadRequest($"\"{name}\" must be a list of integer ids."),
    };
}
