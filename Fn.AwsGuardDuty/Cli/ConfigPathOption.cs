using System.CommandLine;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>The <c>-c|--config PATH</c> option every verb takes.</summary>
internal static class ConfigPathOption
{
    public static Option<string?> Create() => new("--config", "-c")
    {
        Description = "Path of app.config. Default: $APP_CONFIG_FILE, else ./app.config, else ~/.resilient/app.config.",
        HelpName = "PATH",
    };
}
