namespace Fn.AwsGuardDuty.Tests.GuardDuty.Support;

/// <summary>Sets environment variables for one test and puts the previous values back on dispose.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentScope(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>The AWS variables the default chain reads, all cleared, plus the given ones; IMDS is switched off.</summary>
    public static EnvironmentScope AwsOnly(params (string Name, string? Value)[] values)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null, ["AWS_DEFAULT_PROFILE"] = null, ["AWS_SHARED_CREDENTIALS_FILE"] = null, ["AWS_CONFIG_FILE"] = null,
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null, ["AWS_ROLE_ARN"] = null,
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null, ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_GUARDDUTY"] = null, ["AWS_ENDPOINT_URL_EC2"] = null,
        };
        foreach (var (name, value) in values) all[name] = value;
        return new EnvironmentScope(all);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
