namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// app.config could not be loaded or is invalid. <see cref="Exception.Message"/> is the one line the
/// process prints before it exits with code 2; <see cref="Problems"/> lists every problem found.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigProblem> problems)
        : base(FormatOneLine(problems))
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("at least one problem is required", nameof(problems));
        }

        Problems = problems;
    }

    public ConfigurationException(ConfigProblem problem)
        : this([problem])
    {
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string FormatOneLine(IReadOnlyList<ConfigProblem> problems) => problems.Count switch
    {
        0 => ConfigProblem.Prefix + ": invalid",
        1 => problems[0].ToString(),
        _ => $"{problems[0]} (and {problems.Count - 1} more problem{(problems.Count == 2 ? "" : "s")}; `selftest` lists them all)",
    };
}
