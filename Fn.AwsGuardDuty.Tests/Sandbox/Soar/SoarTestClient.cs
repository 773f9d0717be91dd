using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

/// <summary>A plain HttpClient that trusts only the emulator's CA (a custom trust store, no system roots).</summary>
internal sealed class SoarTestClient : IDisposable
{
    private readonly HttpClient _http;

    public SoarTestClient(Uri baseUri, string? caPem, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        if (caPem is not null)
        {
            var ca = X509Certificate2.CreateFromPem(caPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public void UseApiKey(string id, string secret) =>
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    public void UseSession(string csrf)
    {
        _http.DefaultRequestHeaders.Authorization = null;
        _http.DefaultRequestHeaders.Remove("X-sess-id");
        _http.DefaultRequestHeaders.Add("X-sess-id", csrf);
    }

    public async Task<(HttpStatusCode Status, JToken? Body)> SendAsync(HttpMethod method, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            var text = body as string ?? JsonConvert.SerializeObject(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        using var response = await _http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        JToken? json = null;
        if (content.Length > 0)
        {
            using var reader = new JsonTextReader(new StringReader(content)) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }

        return (response.StatusCode, json);
    }

    /// <summary>A POST whose answer is returned as text with its media type (a gateway's error page is not JSON).</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, string Text)> PostRawAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body as string ?? JsonConvert.SerializeObject(body), Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public Task<(HttpStatusCode Status, JToken? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JToken? Body)> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body ?? new JObject());

    public Task<(HttpStatusCode Status, JToken? Body)> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<(HttpStatusCode Status, JToken? Body)> PatchAsync(string path, object body) =>
        SendAsync(HttpMethod.Patch, path, body, new Dictionary<string, string> { ["handle_format"] = "names" });

    public Task<(HttpStatusCode Status, JToken? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => _http.Dispose();
}
