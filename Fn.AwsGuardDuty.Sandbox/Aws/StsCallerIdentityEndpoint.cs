using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// STS on 127.0.0.1, just enough for <c>selftest</c>'s "AWS credentials" row: the query-protocol
/// <c>GetCallerIdentity</c>, SigV4-verified against the sandbox's access key (a wrong secret is refused as STS refuses
/// it), answered with the XML STS returns. Everything else gets STS's <c>InvalidAction</c>.
/// </summary>
public sealed class StsCallerIdentityEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier;

    private StsCallerIdentityEndpoint(WebApplication app, SigV4Verifier verifier)
    {
        _app = app;
        _verifier = verifier;
    }

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<StsCallerIdentityEndpoint> StartAsync(IEnumerable<AwsCredential> credentials, CancellationToken cancellationToken = default)
    {
        var verifier = new SigV4Verifier(new AwsCredentialStore(credentials), TimeProvider.System, TimeSpan.FromMinutes(15));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var endpoint = new StsCallerIdentityEndpoint(app, verifier);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Endpoint = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task HandleAsync(HttpContext context) => StsCallerIdentityResponder.HandleAsync(context, _verifier);
}
