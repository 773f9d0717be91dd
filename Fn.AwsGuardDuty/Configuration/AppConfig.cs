namespace Fn.AwsGuardDuty.Configuration;

/// <summary>A loaded and validated app.config.</summary>
public sealed class AppConfig
{
    public AppConfig(
        string filePath,
        IniDocument document,
        ResilientOptions resilient,
        GuardDutyOptions guardDuty,
        IntegrationsOptions integrations,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> secretValues)
    {
        FilePath = filePath;
        Document = document;
        Resilient = resilient;
        GuardDuty = guardDuty;
        Integrations = integrations;
        Warnings = warnings;
        SecretValues = secretValues;
    }

    /// <summary>Absolute path of the file that was read.</summary>
    public string FilePath { get; }

    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>Every section and value after environment substitution (for app sections we do not bind).</summary>
    public IniDocument Document { get; }

    public ResilientOptions Resilient { get; }

    public GuardDutyOptions GuardDuty { get; }

    public IntegrationsOptions Integrations { get; }

    /// <summary>The push intake (extensions.md §B); null when <c>aws_gd_sqs_queue_url</c> is not set: the poller escalates.</summary>
    public PushOptions? Push { get; init; }

    /// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> are served (<c>aws_gd_metrics_listen</c>); null: no listener.</summary>
    public ListenAddress? MetricsListen { get; init; }

    /// <summary>One-line warnings to log at start-up (cafile = false, unset variables kept literally, unknown keys).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The values of every secret in the file (after substitution, proxy passwords included), for the log
    /// redaction layer. Not for display.
    /// </summary>
    public IReadOnlyList<string> SecretValues { get; }

    public override string ToString() => $"app.config {FilePath}";
}
