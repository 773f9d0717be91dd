namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// What configuration loading reads from the process: environment variables, the working directory, the home directory
/// and App Host's protected-secrets folder. Passed in, never read from statics, so tests can supply their own.
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

    /// <summary>
    /// Where App Host mounts the app's protected secrets: <c>/etc/secrets</c>, a fixed path in IBM's resilient library (no
    /// variable moves it). Tests lay out their own folder and pass it here.
    /// </summary>
    public string SecretsDirectory { get; init; } = AppHostSecrets.DefaultDirectory;

    /// <summary>The variable's value, or null when it is not set (an empty value counts as not set).</summary>
    public string? Get(string name) => _getVariable(name) is { Length: > 0 } value ? value : null;

    public static AppEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>An environment with the given variables only (tests, tools).</summary>
    public static AppEnvironment FromDictionary(IReadOnlyDictionary<string, string> variables, string currentDirectory, string homeDirectory,
        string? secretsDirectory = null) =>
        new(name => variables.GetValueOrDefault(name), currentDirectory, homeDirectory)
        {
            SecretsDirectory = secretsDirectory ?? AppHostSecrets.DefaultDirectory,
        };
}
