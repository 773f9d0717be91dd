using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration.Pam;

/// <summary>
/// The two Vault HTTP API calls the HashiCorpVault plugin makes: an AppRole login
/// (<c>POST v1/auth/approle/login</c>, <c>{"role_id","secret_id"}</c> → <c>auth.client_token</c>) and a KV version 2 read
/// (<c>GET v1/&lt;engine&gt;/data/&lt;path&gt;</c> with <c>X-Vault-Token</c> → <c>data.data</c>). Synchronous: it runs
/// once, while app.config is loaded, before anything else starts. Failures throw <see cref="VaultException"/> saying why,
/// never with a secret in the message.
/// </summary>
public sealed class VaultHttpClient : IDisposable
{
    /// <summary>IBM's plugins wait 30 seconds (resilient_app_config_plugins.constants.DEFAULT_TIMEOUT).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly VaultSettings _settings;
    private readonly HttpClient _http;

    public VaultHttpClient(VaultSettings settings)
    {
        _settings = settings;
        var handler = new SocketsHttpHandler { ConnectTimeout = Timeout };
        if (!settings.Verification.Verify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (settings.Verification.Bundle is { } bundle)
        {
            new CaBundleValidator(bundle).ApplyTo(handler.SslOptions);
        }

        _http = new HttpClient(handler) { Timeout = Timeout };
    }

    /// <summary>Logs in with the AppRole role_id and secret_id; returns the client token.</summary>
    public string Login()
    {
        var body = new JsonObject { ["role_id"] = _settings.RoleId, ["secret_id"] = _settings.SecretId }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.Address, "v1/auth/approle/login"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var (status, json) = Send(request);
        if (Errors(json) is not null || status >= 300)
        {
            throw new VaultException($"Vault refused the AppRole login (HTTP {status}{Describe(Errors(json))})");
        }

        return json?["auth"]?["client_token"] is JsonValue token && token.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new VaultException($"Vault's AppRole login answer (HTTP {status}) has no auth.client_token");
    }

    /// <summary>The latest version's key/value pairs of <paramref name="reference"/>'s secret (KV version 2).</summary>
    public JsonObject Read(VaultReference reference, string token)
    {
        var path = string.Join('/', reference.Path.Split('/').Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_settings.Address, $"v1/{Uri.EscapeDataString(reference.Engine)}/data/{path}"));
        request.Headers.Add("X-Vault-Token", token);
        var (status, json) = Send(request);
        if (Errors(json) is { } errors)
        {
            throw new VaultException(status switch
            {
                404 when errors.Count == 0 => $"Vault has no secret at {reference.Location}",
                403 => $"Vault denied reading {reference.Location} (HTTP 403{Describe(errors)})",
                _ => $"Vault could not read {reference.Location} (HTTP {status}{Describe(errors)})",
            });
        }

        var data = json?["data"];
        if (data?["data"] is JsonObject values)
        {
            return values;
        }

        var metadata = data?["metadata"];
        var version = metadata?["version"]?.ToJsonString() ?? "?";
        if (metadata?["destroyed"] is JsonValue destroyed && destroyed.TryGetValue<bool>(out var isDestroyed) && isDestroyed)
        {
            throw new VaultException($"the latest version (v{version}) of {reference.Location} was destroyed in Vault; write a new version");
        }

        if (metadata?["deletion_time"] is JsonValue deletion && deletion.TryGetValue<string>(out var when) && when.Length > 0)
        {
            throw new VaultException($"the latest version (v{version}) of {reference.Location} was deleted in Vault at {when}; undelete it or write a new version");
        }

        throw new VaultException($"Vault's answer for {reference.Location} (HTTP {status}) has no data.data (is {reference.Engine} a KV version 2 engine?)");
    }

    public void Dispose() => _http.Dispose();

    private (int Status, JsonNode? Json) Send(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw new VaultException($"the TLS certificate of {_settings.Address} is not trusted ({e.InnerException.Message}); " +
                                     $"set {VaultSettings.VerifyServerCert} to a CA file, or to false", e);
        }
        catch (HttpRequestException e)
        {
            throw new VaultException($"Vault at {_settings.Address} cannot be reached ({e.Message})", e);
        }
        catch (TaskCanceledException e)
        {
            throw new VaultException($"Vault at {_settings.Address} did not answer within {Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            try
            {
                using var stream = response.Content.ReadAsStream();
                return (status, JsonNode.Parse(stream));
            }
            catch (JsonException)
            {
                return status >= 300
                    ? throw new VaultException($"Vault at {_settings.Address} answered HTTP {status} without a JSON body")
                    : (status, null);
            }
        }
    }

    private static JsonArray? Errors(JsonNode? json) => json is JsonObject o && o["errors"] is JsonArray errors ? errors : null;

    private static string Describe(JsonArray? errors)
    {
        var texts = errors?.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
        return texts.Count == 0 ? "" : ": " + string.Join("; ", texts);
    }
}
