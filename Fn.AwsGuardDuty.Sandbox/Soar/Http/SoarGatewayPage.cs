using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>
/// The error page a reverse proxy or load balancer in front of SOAR answers with when the backend's answer does not
/// reach it (502) or comes too late (504): HTML, not SOAR's JSON error body.
/// </summary>
internal static class SoarGatewayPage
{
    public static async Task WriteAsync(HttpResponse response, int status, string reason, CancellationToken cancellationToken)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        var page = $"<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n</body>\r\n</html>\r\n";
        response.StatusCode = status;
        response.ContentType = "text/html";
        var bytes = Encoding.UTF8.GetBytes(page);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
