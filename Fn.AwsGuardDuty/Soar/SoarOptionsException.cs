namespace Fn.AwsGuardDuty.Soar;

/// <summary>A SOAR client setting is missing or wrong; <see cref="Key"/> is its app.config name.</summary>
public sealed class SoarOptionsException : SoarException
{
    public SoarOptionsException(string key, string problem)
        : base($"SOAR setting '{key}' {problem}")
    {
        Key = key;
        Problem = problem;
    }

    public string Key { get; }

    public string Problem { get; }
}
