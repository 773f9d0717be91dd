using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// An analyst working in SOAR over its REST API (HTTPS, verified against the sandbox CA, with the analyst's API key),
/// as the UI would: reads an incident and closes it with the resolution fields SOAR requires.
/// </summary>
public sealed class SoarAnalyst : IDisposable
{
    private readonly HttpClient _http;
    private readonly int _orgId;

    public SoarAnalyst(Uri baseUri, int orgId, string apiKeyId, string apiKeySecret, X509Certificate2 trustedCa)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { trustedCa },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKeyId}:{apiKeySecret}")));
        _orgId = orgId;
    }

    public async Task<JObject> GetIncidentAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"rest/orgs/{_orgId}/incidents/{id}", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, $"GET incident {id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the incident (plan_status C with a resolution), re-reading and retrying when its version moved on.</summary>
    public async Task CloseIncidentAsync(long id, string resolution, string summary, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var incident = await GetIncidentAsync(id, cancellationToken).ConfigureAwait(false);
            var body = new JObject
            {
                ["changes"] = new JArray(
                    Change("plan_status", "C"),
                    Change("resolution_id", resolution),
                    Change("resolution_summary", summary)),
                ["version"] = incident["vers"],
            };
            using var content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
            using var response = await _http.PatchAsync($"rest/orgs/{_orgId}/incidents/{id}", content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                continue;
            var status = await ReadAsync(response, $"close incident {id}", cancellationToken).ConfigureAwait(false);
            if (status.Value<bool?>("success") == false)
                throw new TryItException($"SOAR refused to close incident {id}: {status.Value<string>("message") ?? status.ToString(Formatting.None)}");
            return;
        }
    }

    public void Dispose() => _http.Dispose();

    private static JObject Change(string field, string value) =>
        new() { ["field"] = field, ["new_value"] = new JObject { ["text"] = value } };

    private static async Task<JObject> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new TryItException($"SOAR answered {what} with {(int)response.StatusCode}: {Shorten(text)}");
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader) as JObject ?? throw new TryItException($"SOAR answered {what} with something else than a JSON object");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
