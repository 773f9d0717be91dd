using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NLog;
using NLog.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// Builds the one host <c>run</c> runs: no default configuration sources (app.config is already loaded),
/// NLog as the only logging provider, the console lifetime for SIGTERM/SIGINT, and
/// <see cref="AppServices.AddFnAwsGuardDuty"/> for every service over the <see cref="AppRuntime"/>.
/// </summary>
public static class AppHostBuilder
{
    public static IHost Build(AppConfig config, LogFactory logFactory, AppRuntime runtime, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "fn-aws-guardduty",
            ContentRootPath = config.Directory,
        });

        AddLogging(builder.Services, logFactory);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddFnAwsGuardDuty(config, runtime);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Routes Microsoft.Extensions.Logging to <paramref name="logFactory"/>; NLog's rules decide the levels.</summary>
    public static void AddLogging(IServiceCollection services, LogFactory logFactory) =>
        services.AddLogging(logging => ConfigureNLog(logging, logFactory));

    /// <summary>A logger factory over <paramref name="logFactory"/> for what runs before the host (the SOAR login).</summary>
    public static ILoggerFactory CreateLoggerFactory(LogFactory logFactory) =>
        LoggerFactory.Create(logging => ConfigureNLog(logging, logFactory));

    private static void ConfigureNLog(ILoggingBuilder logging, LogFactory logFactory)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
        logging.AddNLog(new NLogProviderOptions { ShutdownOnDispose = false, RemoveLoggerFactoryFilter = true }, _ => logFactory);
    }
}
