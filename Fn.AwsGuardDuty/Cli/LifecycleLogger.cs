using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// Logs the process's start and stop, and the configuration warnings, around the other hosted services:
/// "started" is written once every hosted service has started.
/// </summary>
internal sealed class LifecycleLogger : IHostedLifecycleService
{
    private readonly AppConfig _config;
    private readonly ILogger<LifecycleLogger> _logger;

    public LifecycleLogger(AppConfig config, ILogger<LifecycleLogger> logger)
    {
        _config = config;
        _logger = logger;
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("fn-aws-guardduty {Version} starting with {ConfigFile}", AppVersion.Current, _config.FilePath);
        foreach (var warning in _config.Warnings)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        return Task.CompletedTask;
    }

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
