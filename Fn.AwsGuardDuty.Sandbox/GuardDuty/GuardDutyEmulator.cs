using System.Net;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Ec2;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>
/// A local GuardDuty (rest-json) and EC2 DescribeRegions (query) endpoint on 127.0.0.1 that verifies SigV4 and keeps
/// state per account, region and detector. Point a client's service URL at <see cref="Endpoint"/> and sign with one of
/// the configured credentials for the logical region; seed and inspect through <see cref="State"/>.
/// </summary>
public sealed class GuardDutyEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private int stopped;

    private GuardDutyEmulator(WebApplication app, GuardDutyEmulatorState state, Uri endpoint)
    {
        this.app = app;
        State = state;
        Endpoint = endpoint;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234/</c>; the same URL serves EC2 DescribeRegions.</summary>
    public Uri Endpoint { get; }

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

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(GuardDutyEmulator).Assembly.GetName().Name });
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + 1;
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

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.ServerCertificate is null ? "http" : "https";
        return new GuardDutyEmulator(app, state, new Uri($"{scheme}://127.0.0.1:{port}/"));
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
