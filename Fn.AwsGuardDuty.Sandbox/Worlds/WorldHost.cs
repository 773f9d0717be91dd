using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Worlds;

/// <summary>
/// The app in this process, wired as <c>run</c> wires it: <see cref="AppRuntime.CreateAsync"/> (SOAR login, AWS
/// credentials) over the loaded app.config, then a host with <see cref="AppServices.AddFnAwsGuardDuty"/>, started.
/// Logging goes to the caller's <see cref="ILoggerFactory"/>; <c>configure</c> runs after the production registration,
/// for what a test must add or put in place of a production part.
/// </summary>
public sealed class WorldHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorldHost(IHost host, AppRuntime runtime)
    {
        _host = host;
        Runtime = runtime;
    }

    public AppRuntime Runtime { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The function listener, null when the org's actions framework is off.</summary>
    public FunctionListener? Listener => Services.GetService<FunctionListener>();

    public SoarClient Soar => Services.GetRequiredService<SoarClient>();

    public GuardDutyClientFactory Clients => Services.GetRequiredService<GuardDutyClientFactory>();

    public static async Task<WorldHost> StartAsync(AppConfig config, ILoggerFactory loggerFactory, Action<IServiceCollection>? configure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var runtime = await AppRuntime.CreateAsync(config, loggerFactory, cancellationToken).ConfigureAwait(false);
        IHost? host = null;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
            {
                ApplicationName = "fn-aws-guardduty",
                ContentRootPath = config.Directory,
            });
            builder.Services.AddLogging();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddFnAwsGuardDuty(config, runtime);
            configure?.Invoke(builder.Services);
            host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new WorldHost(host, runtime);
        }
        catch
        {
            host?.Dispose();
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the function listener is subscribed to its queue.</summary>
    public Task SubscribedAsync(TimeSpan timeout) =>
        (Listener ?? throw new InvalidOperationException("the app runs without its function listener (the org's actions framework is off)"))
        .Subscribed.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            await Runtime.DisposeAsync().ConfigureAwait(false);
        }
    }
}
