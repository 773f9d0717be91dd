using System.Collections.Concurrent;
using System.Net;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Discovery;
using Fn.AwsGuardDuty.GuardDuty.Http;
using Fn.AwsGuardDuty.Tls;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>
/// Owns what every region shares: the credentials, one pooled <see cref="SocketsHttpHandler"/>, one SigV4 signer (the
/// region is chosen per request), the call counters and the logger. Hands out one client per region.
/// </summary>
public sealed class GuardDutyClientFactory : IDisposable
{
    private readonly ConcurrentDictionary<string, GuardDutyClient> _clients = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly GuardDutyTransport _transport;
    private readonly ILoggerFactory _loggerFactory;
    private bool _ownsCredentials;

    public GuardDutyClientFactory(GuardDutyClientOptions options, GuardDutyCredentials credentials, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        options.Validate();
        Options = options;
        Credentials = credentials;
        _loggerFactory = loggerFactory;

        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            ConnectTimeout = options.PerTryTimeout,
        };
        if (options.CaBundle is { } bundle)
        {
            new CaBundleValidator(bundle).ApplyTo(sockets.SslOptions);
        }
        var proxy = SchemeProxy.FromOptions(options);
        if (proxy is not null)
        {
            sockets.Proxy = proxy;
            sockets.UseProxy = true;
        }
        _http = new HttpClient(sockets, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _transport = new GuardDutyTransport(_http, new GuardDutySigner(credentials.Credentials), options, Counters,
            loggerFactory.CreateLogger<GuardDutyClient>());
    }

    /// <summary>Validates the options, resolves the credentials (see <see cref="GuardDutyCredentialsResolver"/>) and builds the factory.</summary>
    public static async Task<GuardDutyClientFactory> CreateAsync(GuardDutyClientOptions options, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var credentials = await GuardDutyCredentialsResolver.ResolveAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
        return new GuardDutyClientFactory(options, credentials, loggerFactory) { _ownsCredentials = true };
    }

    public GuardDutyClientOptions Options { get; }

    public GuardDutyCredentials Credentials { get; }

    /// <summary>Counts for every client of this factory (HTTP attempts, calls, retries, per operation).</summary>
    public GuardDutyCallCounters Counters { get; } = new();

    /// <summary>The client of <paramref name="region"/>, made once and then reused.</summary>
    public IGuardDutyClient GetClient(string region)
    {
        if (string.IsNullOrWhiteSpace(region) || !GuardDutyEndpoint.IsValidRegionName(region.Trim()))
            throw new ArgumentException($"'{region}' is not a region name.", nameof(region));
        return _clients.GetOrAdd(region.Trim(), static (r, self) =>
            new GuardDutyClient(r, GuardDutyEndpoint.ForGuardDuty(r, self.Options), self._transport), this);
    }

    /// <summary>
    /// Region discovery through EC2 DescribeRegions in the master region, with the same credentials and proxy. The EC2
    /// client is made on the first refresh (the lambda keeps AWSSDK.EC2 unloaded until then).
    /// </summary>
    public RegionDiscovery CreateRegionDiscovery(TimeProvider? timeProvider = null)
    {
        var lister = new LazyRegionLister(() => new Ec2RegionLister(Options, Credentials, Options.Ec2EndpointUrl, Counters.Completed));
        return new RegionDiscovery(lister, GetClient, Options.Regions, Options.RegionsInterval,
            Options.RegionDiscoveryConcurrency, _loggerFactory.CreateLogger<RegionDiscovery>(), timeProvider, ownsLister: true);
    }

    public void Dispose()
    {
        _http.Dispose();
        if (_ownsCredentials) (Credentials.Credentials as IDisposable)?.Dispose();
    }
}
