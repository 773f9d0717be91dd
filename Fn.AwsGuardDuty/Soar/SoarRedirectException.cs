using System.Net;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>
/// SOAR (or whatever answers at its address) redirected a call. The client follows no redirect: following one could
/// carry the session cookie, <c>X-sess-id</c> or the API key to another host. <see cref="Location"/> is where it
/// pointed, without its query.
/// </summary>
public sealed class SoarRedirectException : SoarException
{
    public SoarRedirectException(string method, string path, HttpStatusCode statusCode, string? location)
        : base($"SOAR {method} {path} answered HTTP {(int)statusCode} redirecting to {location ?? "(no Location)"}; the SOAR client follows no redirect, "
            + "so that the session and API key never leave the configured host. Check host, port and resource_prefix in [resilient], "
            + "or a proxy or load balancer in front of SOAR")
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        Location = location;
    }

    public string Method { get; }

    public string Path { get; }

    public HttpStatusCode StatusCode { get; }

    public string? Location { get; }
}
