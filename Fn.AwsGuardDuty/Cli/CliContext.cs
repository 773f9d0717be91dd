using Fn.AwsGuardDuty.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// What the verbs need from the outside world: output streams, the environment, and (for tests and tools)
/// extra service registrations and another NLog.config. <see cref="ForProcess"/> is the real process.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Where questions are answered (customize without -y); null: the console.</summary>
    public TextReader? In { get; init; }

    public required AppEnvironment Environment { get; init; }

    /// <summary>Runs after the app's own registrations, on both the run host and the selftest container.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>NLog.config to use instead of the one next to the executable.</summary>
    public string? NLogConfigPath { get; init; }

    public static CliContext ForProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Environment = AppEnvironment.FromProcess(),
    };
}
