using System.CommandLine;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>config</c>: prints the complete, commented default app.config. <c>config -u</c> adds the keys an
/// existing app.config lacks (found with -c, APP_CONFIG_FILE or the default places) without touching the rest.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var update = new Option<bool>("--update", "-u") { Description = "Add missing keys to an existing app.config instead of printing." };
        var command = new Command("config", "Print a complete, commented default app.config, or update an existing one with -u.")
        {
            config,
            update,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(config), parse.GetValue(update)));
        return command;
    }

    public static int Execute(CliContext context, string? configPath, bool update)
    {
        if (!update)
        {
            context.Out.Write(DefaultConfigWriter.Write());
            return ExitCodes.Ok;
        }

        string path;
        try
        {
            path = ConfigFileLocator.Locate(configPath, context.Environment);
        }
        catch (ConfigurationException e)
        {
            context.Error.WriteLine(e.Message);
            return ExitCodes.ConfigurationError;
        }

        IReadOnlyList<string> added;
        try
        {
            added = ConfigFileUpdater.UpdateFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            context.Error.WriteLine($"{ConfigProblem.Prefix}: cannot update {path}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        if (added.Count == 0)
        {
            context.Out.WriteLine($"{path}: every key is present; nothing added.");
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"{path}: added {added.Count} key{(added.Count == 1 ? "" : "s")}:");
        foreach (var key in added)
        {
            context.Out.WriteLine($"  {key}");
        }

        return ExitCodes.Ok;
    }
}
