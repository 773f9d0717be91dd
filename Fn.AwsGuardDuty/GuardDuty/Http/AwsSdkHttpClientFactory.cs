using System.Net;
using Amazon.Runtime;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// HttpClients for the AWSSDK clients when AWS_CA_BUNDLE is set: a <see cref="SocketsHttpHandler"/> that trusts only the
/// bundle (<see cref="CaBundleValidator"/>) and carries the configured proxy, as the GuardDuty transport's does.
/// </summary>
internal sealed class AwsSdkHttpClientFactory(GuardDutyClientOptions options) : HttpClientFactory
{
    // The SDK caches clients process-wide by this string: one per factory, so two configurations never share one.
    private readonly string _cacheKey = "fn-aws-guardduty-ca-bundle-" + Guid.NewGuid().ToString("N");

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            ConnectTimeout = options.PerTryTimeout,
        };
        new CaBundleValidator(options.CaBundle!).ApplyTo(handler.SslOptions);
        if (SchemeProxy.FromOptions(options) is { } proxy)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        // The SDK applies its own per-request timeout (ClientConfig.Timeout).
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    // One client per SDK client config, kept and reused by the SDK.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => _cacheKey;
}
