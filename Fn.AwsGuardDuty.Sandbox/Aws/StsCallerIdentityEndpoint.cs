using Fn.AwsGuardDuty.Sandbox.Http;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// STS on 127.0.0.1, just enough for <c>selftest</c>'s "AWS credentials" row: the query-protocol
/// <c>GetCallerIdentity</c>, SigV4-verified against the sandbox's access key (a wrong secret is refused as STS refuses
/// it), answered with the XML STS returns. Everything else gets STS's <c>InvalidAction</c>.
/// </summary>
public sealed class StsCallerIdentityEndpoint : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private StsCallerIdentityEndpoint(LoopbackServer server) => _server = server;

    public Uri Endpoint => _server.Endpoint;

    public static async Task<StsCallerIdentityEndpoint> StartAsync(IEnumerable<AwsCredential> credentials, CancellationToken cancellationToken = default)
    {
        var verifier = new SigV4Verifier(new AwsCredentialStore(credentials), TimeProvider.System, TimeSpan.FromMinutes(15));
        var server = await LoopbackServer.StartAsync(context => StsCallerIdentityResponder.HandleAsync(context, verifier),
            maxRequestBodyBytes: 64 * 1024, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new StsCallerIdentityEndpoint(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
