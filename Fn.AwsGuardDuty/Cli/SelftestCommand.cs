using System.CommandLine;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>selftest</c>: a table with one row per <see cref="ISelfTestCheck"/>. Exit 0 when no row fails,
/// 1 when a check fails, 2 when app.config itself is invalid (the other checks are not run).
/// </summary>
internal static class SelftestCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var command = new Command("selftest", "Check the configuration and the connections to SOAR, STOMP and AWS; print a table.")
        {
            config,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(context, parse.GetValue(config), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(CliContext context, string? configPath, CancellationToken cancellationToken)
    {
        AppConfig config;
        try
        {
            config = AppConfigLoader.Load(configPath, context.Environment);
        }
        catch (ConfigurationException e)
        {
            SelfTestTable.Write(context.Out,
            [
                new SelfTestRow(ConfigSelfTestCheck.CheckName, ConfigSelfTestCheck.Failed(e)),
                new SelfTestRow("Other checks", SelfTestResult.Skipped("not run: the configuration is invalid")),
            ]);
            context.Error.WriteLine(e.Message);
            return ExitCodes.ConfigurationError;
        }

        var redactor = new SecretRedactor(config.SecretValues);
        using var logFactory = NLogSetup.Create(LogSettings.From(config.Resilient), redactor, context.NLogConfigPath);
        var services = new ServiceCollection();
        AppHostBuilder.AddLogging(services, logFactory);
        // The container disposes the clients the rows make.
        services.AddFnAwsGuardDutyConfiguration(config);
        services.AddSelfTestChecks(config);
        context.ConfigureServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider();

        var runner = new SelfTestRunner(config.Resilient.SelftestTimeout, redactor);
        var rows = await runner.RunAsync(provider.GetServices<ISelfTestCheck>(), cancellationToken).ConfigureAwait(false);
        SelfTestTable.Write(context.Out, rows);
        return rows.Any(r => r.Result.Status == SelfTestStatus.Fail) ? ExitCodes.RuntimeFailure : ExitCodes.Ok;
    }
}
