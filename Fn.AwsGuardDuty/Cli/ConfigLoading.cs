using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>Loads app.config for a verb; on a problem prints the one line to stderr.</summary>
internal static class ConfigLoading
{
    public static AppConfig? TryLoad(CliContext context, string? explicitPath)
    {
        try
        {
            return AppConfigLoader.Load(explicitPath, context.Environment);
        }
        catch (ConfigurationException e)
        {
            context.Error.WriteLine(e.Message);
            return null;
        }
    }
}
