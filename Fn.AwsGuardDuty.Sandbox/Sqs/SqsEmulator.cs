using System.Net;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly WebApplication app;
    private int stopped;

    private SqsEmulator(WebApplication app, SqsEmulatorState state, Uri endpoint)
    {
        this.app = app;
        State = state;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public SqsEmulatorState State { get; }

    public static async Task<SqsEmulator> StartAsync(SqsEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new SqsEmulatorState(options);
        var verifier = new SigV4Verifier(new AwsCredentialStore(options.Credentials), options.TimeProvider, options.MaxClockSkew);
        var pipeline = new SqsEmulatorPipeline(state, verifier, new SqsOperations(state), options.LoggerFactory.CreateLogger<SqsEmulator>());

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SqsEmulator).Assembly.GetName().Name });
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
        return new SqsEmulator(app, state, new Uri($"{scheme}://127.0.0.1:{port}/"));
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
