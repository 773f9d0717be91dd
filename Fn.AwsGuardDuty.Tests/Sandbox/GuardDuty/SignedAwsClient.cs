using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>
/// A bare HTTP client whose requests are signed by AWSSDK.Core's public <see cref="SigV4SigningHandler"/>: an
/// independent client-side SigV4, so the emulator's verifier is checked against the SDK, not against itself.
/// </summary>
internal sealed class SignedAwsClient : IDisposable
{
    private readonly HttpClient http;

    public SignedAwsClient(Uri endpoint, AWSCredentials credentials, string region, string service = "guardduty")
    {
        var handler = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), service, new SocketsHttpHandler { AllowAutoRedirect = false });
        http = new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<AwsTestResponse> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, null);

    public Task<AwsTestResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<AwsTestResponse> PostAsync(string path, JObject body) => SendAsync(HttpMethod.Post, path, WireJson.Serialize(body));

    public Task<AwsTestResponse> PostRawAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public async Task<AwsTestResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new AwsTestResponse(response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    public void Dispose() => http.Dispose();
}
