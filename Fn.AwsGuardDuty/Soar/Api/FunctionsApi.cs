using System.Net;
using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Api;

/// <summary>Function definitions (<c>/functions</c>).</summary>
public sealed class FunctionsApi
{
    private readonly SoarConnection _connection;

    internal FunctionsApi(SoarConnection connection) => _connection = connection;

    /// <summary><c>GET /functions/{name}?handle_format=names</c> (its <c>destination_handle</c> names the queue); null when SOAR has no such function.</summary>
    public async Task<JObject?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = SoarRequest.Get($"/functions/{Uri.EscapeDataString(name)}?handle_format=names");
        var response = await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        SoarConnection.EnsureSuccess(request, response);
        return response.Json("GET " + request.Path) as JObject
            ?? throw new SoarProtocolException($"SOAR GET {request.Path} did not return an object");
    }
}
