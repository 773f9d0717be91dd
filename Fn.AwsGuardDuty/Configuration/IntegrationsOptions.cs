namespace Fn.AwsGuardDuty.Configuration;

/// <summary>The <c>[integrations]</c> section: defaults for outbound calls that an app section can override.</summary>
public sealed class IntegrationsOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public ProxySetting? HttpProxy { get; init; }

    public ProxySetting? HttpsProxy { get; init; }

    /// <summary>Timeout of an outbound request (bare numbers are seconds).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public IReadOnlyList<ConfigProblem> Validate()
    {
        var problems = new List<ConfigProblem>();
        ConfigChecks.Positive(problems, ConfigSections.Integrations, "timeout", Timeout);
        return problems;
    }
}
