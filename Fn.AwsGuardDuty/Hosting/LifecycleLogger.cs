using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// Logs the process's start and stop around the other hosted services: "started" is written once every hosted
/// service has started. "starting" and the configuration warnings come earlier, from <see cref="LogStarting"/>,
/// before <c>run</c> logs in to SOAR.
/// </summary>
public sealed class LifecycleLogger : IHostedLifecycleService
{
    private readonly ILogger<LifecycleLogger> _logger;

    public LifecycleLogger(ILogger<LifecycleLogger> logger)
    {
        _logger = logger;
    }

    /// <summary>The first lines of <c>run</c>: the version, the config file and its warnings (cafile = false, ...).</summary>
    public static void LogStarting(ILogger logger, AppConfig config)
    {
        logger.LogInformation("fn-aws-guardduty {Version} starting with {ConfigFile}", AppVersion.Current, config.FilePath);
        foreach (var warning in config.Warnings)
        {
            logger.LogWarning("{Warning}", warning);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("fn-aws-guardduty {Version} started", AppVersion.Current);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("fn-aws-guardduty stopping");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("fn-aws-guardduty stopped");
        return Task.CompletedTask;
    }
}
