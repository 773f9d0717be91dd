using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Sandbox.Soar.Endpoints;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.Soar;

/// <summary>
/// A local SOAR REST server on 127.0.0.1 (HTTPS by default, certificate from a local CA) that behaves like the real
/// platform for everything the app calls: sessions, orgs, incidents, artifacts, notes, data tables, types, functions,
/// message destinations and configuration imports. Tests read <see cref="State"/>, arm <see cref="Faults"/> and read
/// <see cref="Calls"/>; <see cref="SoarEmulatorState.IncidentChanged"/> is the hook for automatic playbook rules.
/// </summary>
public sealed class SoarEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalCertificateAuthority? _ownedCa;
    private readonly X509Certificate2? _serverCertificate;
    private readonly SoarSessionStore _sessions;

    private SoarEmulator(WebApplication app, SoarEmulatorState state, SoarSessionStore sessions, SoarFaultInjector faults, SoarCallCounter calls,
        LocalCertificateAuthority? ca, LocalCertificateAuthority? ownedCa, X509Certificate2? serverCertificate, SoarEmulatorOptions options)
    {
        _app = app;
        State = state;
        _sessions = sessions;
        Faults = faults;
        Calls = calls;
        CertificateAuthority = ca;
        _ownedCa = ownedCa;
        _serverCertificate = serverCertificate;
        Options = options;
    }

    public SoarEmulatorOptions Options { get; }

    public SoarEmulatorState State { get; }

    public SoarFaultInjector Faults { get; }

    public SoarCallCounter Calls { get; }

    /// <summary>The CA that issued the server certificate (null with plain HTTP).</summary>
    public LocalCertificateAuthority? CertificateAuthority { get; }

    /// <summary>e.g. https://127.0.0.1:41234/ (the app's host is 127.0.0.1 and its port <see cref="Port"/>).</summary>
    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public string Host => BaseUri.Host;

    /// <summary>The CA certificate as PEM, for the app's <c>cafile</c>.</summary>
    public string? CaPem => CertificateAuthority?.ExportCertificatePem();

    public static async Task<SoarEmulator> StartAsync(SoarEmulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<SoarEmulator>();

        LocalCertificateAuthority? ownedCa = null;
        LocalCertificateAuthority? ca = null;
        X509Certificate2? certificate = null;
        if (options.UseHttps)
        {
            ca = options.CertificateAuthority ?? (ownedCa = LocalCertificateAuthority.Create("fn-aws-guardduty sandbox SOAR CA"));
            certificate = ca.IssueServerCertificate("localhost", "127.0.0.1");
            if (options.CaPemPath is { } path)
            {
                ca.WriteCertificatePem(path);
            }
        }

        var state = new SoarEmulatorState(options, logger);
        Preload(state, options);
        var sessions = new SoarSessionStore();
        var faults = new SoarFaultInjector();
        var calls = new SoarCallCounter();
        var authenticator = new SoarAuthenticator(options, sessions);
        var routes = new SoarSessionEndpoints(options, state, authenticator, sessions).Routes()
            .Concat(new SoarIncidentEndpoints(state).Routes())
            .Concat(new SoarArtifactEndpoints().Routes())
            .Concat(new SoarTableEndpoints().Routes())
            .Concat(new SoarTypeEndpoints().Routes())
            .Concat(new SoarFunctionEndpoints(options).Routes())
            .Concat(new SoarImportEndpoints().Routes())
            .ToList();
        var pipeline = new SoarPipeline(routes, state, authenticator, faults, calls, logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);

        var emulator = new SoarEmulator(app, state, sessions, faults, calls, ca, ownedCa, certificate, options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUri = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/");
        logger.LogInformation("SOAR emulator listening on {BaseUri}", emulator.BaseUri);
        return emulator;
    }

    /// <summary>Makes every email/password session invalid, so its next call gets a 401 (as an expired session does).</summary>
    public int ExpireSessions() => _sessions.ExpireAll();

    public int ActiveSessions => _sessions.Count;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _serverCertificate?.Dispose();
            _ownedCa?.Dispose();
        }
    }

    private static void Preload(SoarEmulatorState state, SoarEmulatorOptions options)
    {
        if (options.Preload != SoarPreload.GuardDuty)
        {
            return;
        }

        foreach (var org in state.Orgs)
        {
            lock (org.Gate)
            {
                var record = SoarImportEndpoints.Stage(org, SoarExport.From(SoarGuardDutyCustomization.BuildExport()));
                SoarImportEndpoints.Accept(org, record);
                // A preload is the org's starting point, not an import anyone made.
                org.Imports.Remove(record.Id);
            }
        }
    }
}
