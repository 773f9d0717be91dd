using System.CommandLine;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>run</c>: loads and validates app.config, sets up NLog, and runs the host until SIGTERM/SIGINT
/// (exit 0), a runtime failure (exit 1) or a configuration error (exit 2).
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
        {
            var log = logFactory.GetLogger("Fn.AwsGuardDuty.Run");
            try
            {
                using var host = AppHostBuilder.Build(config, logFactory, context.ConfigureServices);
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                log.Fatal(e, "fn-aws-guardduty stopped on an error: {0}", e.Message);
                context.Error.WriteLine(redactor.Redact($"fn-aws-guardduty: {e.Message}"));
                return ExitCodes.RuntimeFailure;
            }
            finally
            {
                logFactory.Flush(TimeSpan.FromSeconds(5));
            }
        }
    }
}
