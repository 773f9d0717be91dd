using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>run</c>: loads and validates app.config, sets up NLog, logs in to SOAR and resolves the AWS credentials
/// (<see cref="AppRuntime"/>), then runs the host (function listener, poller) until SIGTERM/SIGINT (exit 0), a
/// runtime failure such as a refused SOAR login or function queue (exit 1, one line on stderr) or a configuration
/// error (exit 2).
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var command = new Command("run", "Run the SOAR function listener and the GuardDuty findings poller until SIGTERM or Ctrl-C.")
        {
            config,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(context, parse.GetValue(config), cancellationToken));
        return command;
    }

    /// <summary>Runs the app; cancelling <paramref name="cancellationToken"/> stops it like SIGTERM does.</summary>
    public static async Task<int> ExecuteAsync(CliContext context, string? configPath, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (ConfigLoading.TryLoad(context, configPath) is not { } config)
        {
            return ExitCodes.ConfigurationError;
        }

        var redactor = new SecretRedactor(config.SecretValues);
        NLog.LogFactory logFactory;
        try
        {
            logFactory = NLogSetup.Create(LogSettings.From(config.Resilient), redactor, context.NLogConfigPath);
        }
        catch (Exception e)
        {
            context.Error.WriteLine(redactor.Redact($"logging could not be set up: {e.Message}"));
            return ExitCodes.RuntimeFailure;
        }

        using (logFactory)
        using (var loggerFactory = AppHostBuilder.CreateLoggerFactory(logFactory))
        {
            var log = loggerFactory.CreateLogger("Fn.AwsGuardDuty.Run");
            try
            {
                LifecycleLogger.LogStarting(log, config);
                await using var runtime = await CreateRuntimeAsync(config, loggerFactory, started, cancellationToken).ConfigureAwait(false);
                using var host = AppHostBuilder.Build(config, logFactory, runtime, context.ConfigureServices);
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                if (runtime.Outcome.Failure is { } failure)
                {
                    return Fail(context, redactor, failure);
                }

                return ExitCodes.Ok;
            }
            catch (AppStartupException e)
            {
                log.LogError("fn-aws-guardduty cannot start: {Reason}", e.Message);
                return Fail(context, redactor, e.Message);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested || e.CancellationToken.IsCancellationRequested)
            {
                log.LogInformation("fn-aws-guardduty stopped during start-up");
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                log.LogCritical(e, "fn-aws-guardduty stopped on an error: {Reason}", e.Message);
                return Fail(context, redactor, e.Message);
            }
            finally
            {
                logFactory.Flush(TimeSpan.FromSeconds(5));
            }
        }
    }

    /// <summary>
    /// The SOAR login can take a while (retries, an unreachable host); until the host's console lifetime takes over,
    /// SIGTERM/SIGINT cancel it here, so the process still ends with exit 0 rather than being killed.
    /// </summary>
    private static async Task<AppRuntime> CreateRuntimeAsync(Configuration.AppConfig config, ILoggerFactory loggerFactory, long started,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            return await AppRuntime.CreateAsync(config, loggerFactory, stop.Token, started).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("stopped by a signal during start-up", stop.Token);
        }
    }

    private static int Fail(CliContext context, SecretRedactor redactor, string oneLine)
    {
        context.Error.WriteLine(redactor.Redact($"fn-aws-guardduty: {oneLine}"));
        return ExitCodes.RuntimeFailure;
    }
}
