namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Finds app.config as resilient-circuits does: <c>-c|--config PATH</c>, else the environment variable
/// APP_CONFIG_FILE, else <c>./app.config</c>, else <c>~/.resilient/app.config</c>.
/// </summary>
public static class ConfigFileLocator
{
    public const string EnvironmentVariable = "APP_CONFIG_FILE";
    public const string FileName = "app.config";

    /// <summary>The path to use, or a <see cref="ConfigurationException"/> naming what was tried.</summary>
    public static string Locate(string? explicitPath, AppEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return MustExist(Expand(explicitPath, environment), "--config");
        }

        if (environment.Get(EnvironmentVariable) is { } fromEnvironment)
        {
            return MustExist(Expand(fromEnvironment, environment), EnvironmentVariable);
        }

        var candidates = Candidates(environment);
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ConfigurationException(new ConfigProblem(null, null,
            $"no configuration file found (tried {string.Join(" and ", candidates)}; use -c PATH or set {EnvironmentVariable}; `fn-aws-guardduty config` prints one)"));
    }

    /// <summary>./app.config and ~/.resilient/app.config, in search order.</summary>
    public static IReadOnlyList<string> Candidates(AppEnvironment environment) =>
    [
        Path.Combine(environment.CurrentDirectory, FileName),
        Path.Combine(environment.HomeDirectory, ".resilient", FileName),
    ];

    private static string Expand(string path, AppEnvironment environment)
    {
        path = path.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(environment.HomeDirectory, path.Length > 2 ? path[2..] : "");
        }

        return Path.GetFullPath(path, environment.CurrentDirectory);
    }

    private static string MustExist(string path, string source)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigurationException(new ConfigProblem(null, null, $"{path} (from {source}) is a directory, not a file"));
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationException(new ConfigProblem(null, null, $"file not found: {path} (from {source})"));
        }

        return path;
    }
}
