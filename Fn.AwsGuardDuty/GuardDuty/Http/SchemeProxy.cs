using System.Net;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Routes https:// requests through <c>https_proxy</c> (else <c>http_proxy</c>) and http:// requests through <c>http_proxy</c>,
/// as requests/botocore do with the app's proxy settings; each proxy answers with its own credentials.
/// </summary>
internal sealed class SchemeProxy : IWebProxy
{
    private readonly WebProxy? _https;
    private readonly WebProxy? _http;

    private SchemeProxy(WebProxy? https, WebProxy? http)
    {
        _https = https;
        _http = http;
        Credentials = new ProxyCredentials(this);
    }

    /// <summary>Null when neither proxy is configured, so the handler keeps its default (environment) behaviour.</summary>
    public static SchemeProxy? FromOptions(GuardDutyClientOptions options) =>
        options.HttpsProxy is null && options.HttpProxy is null ? null : new SchemeProxy(options.HttpsProxy, options.HttpProxy);

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => For(destination)?.Address;

    public bool IsBypassed(Uri host) => For(host) is null;

    private WebProxy? For(Uri destination) =>
        destination.Scheme == Uri.UriSchemeHttps ? _https ?? _http : _http;

    /// <summary>The handler asks for the credentials of the proxy address it was given: answer with that proxy's.</summary>
    private sealed class ProxyCredentials(SchemeProxy owner) : ICredentials
    {
        public NetworkCredential? GetCredential(Uri uri, string authType)
        {
            var proxy = owner._https?.Address == uri ? owner._https : owner._http?.Address == uri ? owner._http : owner._https ?? owner._http;
            return proxy?.Credentials?.GetCredential(uri, authType);
        }
    }
}
