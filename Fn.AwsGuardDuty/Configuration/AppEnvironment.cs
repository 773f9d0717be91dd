namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// What configuration loading reads from the process: environment variables, the working directory and the
/// home directory. Passed in, never read from statics, so tests can supply their own.
/// </summary>
public sealed class AppEnvironment
{
    private readonly Func<string, string?> _getVariable;

    public AppEnvironment(Func<string, string?> getVariable, string currentDirectory, string homeDirectory)
    {
        _getVariable = getVariable;
        CurrentDirectory = currentDirectory;
        HomeDirectory = homeDirectory;
    }

    public string CurrentDirectory { get; }

    public string HomeDirectory { get; }

    /// <summary>The variable's value, or null when it is not set (an empty value counts as not set).</summary>
    public string? Get(string name) => _getVariable(name) is { Length: > 0 } value ? value : null;

    public static AppEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>An environment with the given variables only (tests, tools).</summary>
    public static AppEnvironment FromDictionary(IReadOnlyDictionary<string, string> variables, string currentDirectory, string homeDirectory) =>
        new(name => variables.GetValueOrDefault(name), currentDirectory, homeDirectory);
}
