using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Sandbox.Vault;

/// <summary>
/// A local HashiCorp Vault on 127.0.0.1 for the HashiCorpVault PAM plugin: AppRole login and KV version 2 reads (see
/// <see cref="VaultEmulatorPipeline"/>). Seed secrets and break them through <see cref="State"/>.
/// </summary>
public sealed class VaultEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private VaultEmulator(WebApplication app, VaultEmulatorState state, Uri address)
    {
        _app = app;
        State = state;
        Address = address;
    }

    /// <summary>What PAM_ADDRESS is set to.</summary>
    public Uri Address { get; }

    public VaultEmulatorState State { get; }

    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new VaultEmulatorState(options);
        var pipeline = new VaultEmulatorPipeline(state);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(VaultEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 32 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (options.ServerCertificate is not null)
                {
                    listen.UseHttps(options.ServerCertificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken);

        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var scheme = options.ServerCertificate is null ? "http" : "https";
        return new VaultEmulator(app, state, new Uri($"{scheme}://127.0.0.1:{port}/"));
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
