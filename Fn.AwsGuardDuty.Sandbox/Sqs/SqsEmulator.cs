using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Http;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// A local SQS endpoint on 127.0.0.1 speaking the AWS JSON 1.0 protocol AWSSDK.SQS 4.x uses, with SigV4 verified.
/// Point a client's ServiceURL at <see cref="Endpoint"/>, sign for one of the configured regions, and use the queue
/// URLs it returns (AWS's <c>https://sqs.&lt;region&gt;.amazonaws.com/&lt;account&gt;/&lt;name&gt;</c> form: the URL
/// only names the queue). Seed and inspect through <see cref="State"/>; faults through <c>State.Faults</c>.
/// </summary>
public sealed class SqsEmulator : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private SqsEmulator(LoopbackServer server, SqsEmulatorState state)
    {
        _server = server;
        State = state;
    }

    public Uri Endpoint => _server.Endpoint;

    public SqsEmulatorState State { get; }

    public static async Task<SqsEmulator> StartAsync(SqsEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new SqsEmulatorState(options);
        var verifier = new SigV4Verifier(new AwsCredentialStore(options.Credentials), options.TimeProvider, options.MaxClockSkew);
        var pipeline = new SqsEmulatorPipeline(state, verifier, new SqsOperations(state), options.LoggerFactory.CreateLogger<SqsEmulator>());

        var server = await LoopbackServer.StartAsync(pipeline.HandleAsync, options.Port, options.ServerCertificate,
            options.MaxRequestBodyBytes + 1, options.LoggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SqsEmulator(server, state);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
