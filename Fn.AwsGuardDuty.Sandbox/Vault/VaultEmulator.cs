using Fn.AwsGuardDuty.Sandbox.Http;

namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>
/// A local HashiCorp Vault on 127.0.0.1 for the HashiCorpVault PAM plugin: AppRole login and KV version 2 reads (see
/// <see cref="VaultEmulatorPipeline"/>). Seed secrets and break them through <see cref="State"/>.
/// </summary>
public sealed class VaultEmulator : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private VaultEmulator(LoopbackServer server, VaultEmulatorState state)
    {
        _server = server;
        State = state;
    }

    /// <summary>What PAM_ADDRESS is set to.</summary>
    public Uri Address => _server.Endpoint;

    public VaultEmulatorState State { get; }

    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new VaultEmulatorState(options);
        var pipeline = new VaultEmulatorPipeline(state);

        var server = await LoopbackServer.StartAsync(pipeline.HandleAsync, options.Port, options.ServerCertificate,
            32 * 1024, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new VaultEmulator(server, state);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
