using System.Net;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Routes https:// requests through <c>https_proxy</c> (else <c>http_proxy</c>) and http:// requests through <c>http_proxy</c>,
/// as requests/botocore do with the app's proxy settings. Credentials in the proxy URL's user info are used for the proxy.
/// </summary>
internal sealed class SchemeProxy : IWebProxy
{
    private readonly Uri? _https;
    private readonly Uri? _http;

    private SchemeProxy(Uri? https, Uri? http)
    {
        _https = Strip(https);
        _http = Strip(http);
        Credentials = CredentialsOf(https) ?? CredentialsOf(http);
    }

    /// <summary>Null when neither proxy is configured, so the handler keeps its default (environment) behaviour.</summary>
    public static SchemeProxy? FromOptions(GuardDutyClientOptions options) =>
        options.HttpsProxy is null && options.HttpProxy is null ? null : new SchemeProxy(options.HttpsProxy, options.HttpProxy);

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => For(destination);

    public bool IsBypassed(Uri host) => For(host) is null;

    private Uri? For(Uri destination) =>
        destination.Scheme == Uri.UriSchemeHttps ? _https ?? _http : _http;

    private static Uri? Strip(Uri? proxy) =>
        proxy is null || string.IsNullOrEmpty(proxy.UserInfo)
            ? proxy
            : new UriBuilder(proxy) { UserName = "", Password = "" }.Uri;

    private static NetworkCredential? CredentialsOf(Uri? proxy)
    {
        if (proxy is null || string.IsNullOrEmpty(proxy.UserInfo)) return null;
        var parts = proxy.UserInfo.Split(':', 2);
        return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
