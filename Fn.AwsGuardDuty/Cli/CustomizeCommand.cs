using Fn.AwsGuardDuty.Hosting;
using System.CommandLine;
using Fn.AwsGuardDuty.Cli.Customize;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Logging;
using Fn.AwsGuardDuty.Soar;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>customize [-y]</c>: imports the SOAR customization (customize/export.res next to the executable, or
/// <c>--export PATH</c>) and grants the configured API key or user on its message destination. Exit 0 when done or
/// already in place, 1 when SOAR refused or the import was declined, 2 when app.config is invalid.
/// </summary>
internal static class CustomizeCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var yes = new Option<bool>("--yes", "-y") { Description = "Accept the import without asking." };
        var export = new Option<string?>("--export")
        {
            Description = "The export to import. Default: customize/export.res next to the executable.",
            HelpName = "PATH",
        };
        var command = new Command("customize", "Import the app's SOAR customization (functions, fields, data tables, playbooks).")
        {
            config,
            yes,
            export,
        };
        command.SetAction((parse, cancellationToken) =>
            ExecuteAsync(context, parse.GetValue(config), parse.GetValue(yes), parse.GetValue(export), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(CliContext context, string? configPath, bool assumeYes, string? exportPath, CancellationToken cancellationToken)
    {
        var config = ConfigLoading.TryLoad(context, configPath);
        if (config is null)
            return ExitCodes.ConfigurationError;

        ExportFile export;
        try
        {
            export = ExportFile.Load(exportPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine("customize: " + e.Message);
            return ExitCodes.RuntimeFailure;
        }

        var redactor = new SecretRedactor(config.SecretValues);
        using var logFactory = NLogSetup.Create(LogSettings.From(config.Resilient), redactor, context.NLogConfigPath);
        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddNLog(new NLogProviderOptions { ShutdownOnDispose = false, RemoveLoggerFactoryFilter = true }, _ => logFactory);
        });
        try
        {
            using var client = new SoarClient(SoarClientOptionsMapping.From(config.Resilient, config.Integrations), loggerFactory);
            var runner = new CustomizeRunner(client, context.Out, context.In ?? Console.In);
            return await runner.RunAsync(export, assumeYes, cancellationToken).ConfigureAwait(false);
        }
        catch (SoarException e)
        {
            context.Error.WriteLine("customize: " + redactor.Redact(e.Message));
            return ExitCodes.RuntimeFailure;
        }
    }
}
