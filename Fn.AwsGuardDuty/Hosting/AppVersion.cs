using System.Reflection;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>The app's version, from the assembly's informational version (without the commit suffix).</summary>
public static class AppVersion
{
    public static string Current { get; } =
        typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AppVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}
