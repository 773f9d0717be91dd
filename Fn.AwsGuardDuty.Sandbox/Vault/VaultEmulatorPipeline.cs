using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>
/// The part of Vault's HTTP API the HashiCorpVault PAM plugin uses, answering as HashiCorp documents it:
/// <list type="bullet">
/// <item><c>POST /v1/auth/approle/login</c> with JSON <c>{"role_id","secret_id"}</c>: 200 with <c>auth.client_token</c>
/// and <c>auth.lease_duration</c>; 400 <c>{"errors":["missing role_id"]}</c> or <c>["invalid role or secret ID"]</c>.</item>
/// <item><c>GET /v1/&lt;mount&gt;/data/&lt;path&gt;</c> with <c>X-Vault-Token</c>: 200 with <c>data.data</c> and
/// <c>data.metadata</c>; 403 <c>["permission denied"]</c> for a missing, unknown, expired or out-of-policy token; 404
/// <c>{"errors":[]}</c> when there is no secret; 404 with <c>data.data</c> null and the metadata when the latest version
/// is soft-deleted (<c>deletion_time</c> set) or destroyed (<c>destroyed</c> true).</item>
/// </list>
/// Anything else is 404 with Vault's "no handler for route" error, or 405 for a known route with another method.
/// </summary>
public sealed class VaultEmulatorPipeline(VaultEmulatorState state)
{
    private const string LoginPath = "/v1/auth/approle/login";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path == LoginPath)
        {
            await (request.Method == HttpMethods.Post || request.Method == HttpMethods.Put
                ? LoginAsync(context)
                : WriteAsync(context, 405, Errors("unsupported operation")));
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 4 && segments[0] == "v1" && segments[2] == "data" && state.Options.KvMounts.Contains(segments[1], StringComparer.Ordinal))
        {
            await (request.Method == HttpMethods.Get
                ? ReadAsync(context, segments[1], string.Join('/', segments.Skip(3).Select(Uri.UnescapeDataString)))
                : WriteAsync(context, 405, Errors("unsupported operation")));
            return;
        }

        var route = path.StartsWith("/v1/", StringComparison.Ordinal) ? path[4..] : path.TrimStart('/');
        await WriteAsync(context, 404, Errors($"no handler for route \"{route}\". route entry not found."));
    }

    private async Task LoginAsync(HttpContext context)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            await WriteAsync(context, 400, Errors($"failed to parse JSON input: {e.Message}"));
            return;
        }

        var roleId = Text(body?["role_id"]);
        if (string.IsNullOrEmpty(roleId))
        {
            await WriteAsync(context, 400, Errors("missing role_id"));
            return;
        }

        if (state.FindRole(roleId, Text(body?["secret_id"]) ?? "") is not { } role)
        {
            await WriteAsync(context, 400, Errors("invalid role or secret ID"));
            return;
        }

        var token = state.IssueToken(role);
        var response = Envelope();
        response["auth"] = new JsonObject
        {
            ["client_token"] = token,
            ["accessor"] = Guid.NewGuid().ToString(),
            ["policies"] = new JsonArray("default", "pam-read"),
            ["token_policies"] = new JsonArray("default", "pam-read"),
            ["metadata"] = new JsonObject { ["role_name"] = "fn-aws-guardduty" },
            ["lease_duration"] = (long)state.Options.TokenTtl.TotalSeconds,
            ["renewable"] = true,
            ["entity_id"] = Guid.NewGuid().ToString(),
            ["token_type"] = "service",
            ["orphan"] = true,
        };
        await WriteAsync(context, 200, response);
    }

    private async Task ReadAsync(HttpContext context, string mount, string path)
    {
        state.CountRead();
        var role = state.RoleOf(context.Request.Headers["X-Vault-Token"].FirstOrDefault());
        if (role is null || (role.Mounts is { } mounts && !mounts.Contains(mount, StringComparer.Ordinal)))
        {
            await WriteAsync(context, 403, Errors("permission denied"));
            return;
        }

        if (state.Latest(mount, path) is not { } latest)
        {
            await WriteAsync(context, 404, new JsonObject { ["errors"] = new JsonArray() });
            return;
        }

        var readable = latest.Deleted is null && !latest.Destroyed;
        var data = new JsonObject
        {
            ["data"] = readable ? new JsonObject(latest.Data!.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))) : null,
            ["metadata"] = new JsonObject
            {
                ["created_time"] = Timestamp(latest.Created),
                ["custom_metadata"] = null,
                ["deletion_time"] = latest.Deleted is { } deleted ? Timestamp(deleted) : "",
                ["destroyed"] = latest.Destroyed,
                ["version"] = latest.Version,
            },
        };
        var response = Envelope();
        response["data"] = data;
        await WriteAsync(context, readable ? 200 : 404, response);
    }

    private static JsonObject Envelope() => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = "",
        ["renewable"] = false,
        ["lease_duration"] = 0,
        ["data"] = null,
        ["wrap_info"] = null,
        ["warnings"] = null,
        ["auth"] = null,
    };

    private static JsonObject Errors(string message) => new() { ["errors"] = new JsonArray(message) };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Timestamp(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString() + "\n", context.RequestAborted);
    }
}
