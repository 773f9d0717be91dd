using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Ec2;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;
using Fn.AwsGuardDuty.Sandbox.Http;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>
/// A local GuardDuty (rest-json) and EC2 DescribeRegions (query) endpoint on 127.0.0.1 that verifies SigV4 and keeps
/// state per account, region and detector. Point a client's service URL at <see cref="Endpoint"/> and sign with one of
/// the configured credentials for the logical region; seed and inspect through <see cref="State"/>.
/// </summary>
public sealed class GuardDutyEmulator : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private GuardDutyEmulator(LoopbackServer server, GuardDutyEmulatorState state)
    {
        _server = server;
        State = state;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234/</c>; the same URL serves EC2 DescribeRegions.</summary>
    public Uri Endpoint => _server.Endpoint;

    public GuardDutyEmulatorState State { get; }

    public static async Task<GuardDutyEmulator> StartAsync(GuardDutyEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new GuardDutyEmulatorState(options);
        var verifier = new SigV4Verifier(new AwsCredentialStore(options.Credentials), options.TimeProvider, options.MaxClockSkew);
        var pipeline = new GuardDutyEmulatorPipeline(
            state,
            verifier,
            new GuardDutyOperations(state),
            new Ec2DescribeRegions(options.Regions.ToList()),
            options.LoggerFactory.CreateLogger<GuardDutyEmulator>());

        var server = await LoopbackServer.StartAsync(pipeline.HandleAsync, options.Port, options.ServerCertificate,
            options.MaxRequestBodyBytes + 1, options.LoggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new GuardDutyEmulator(server, state);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
