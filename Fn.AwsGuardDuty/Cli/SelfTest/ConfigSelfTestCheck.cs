using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>The "Configuration" row: app.config loaded and valid (its warnings as the hint).</summary>
public sealed class ConfigSelfTestCheck : ISelfTestCheck
{
    public const string CheckName = "Configuration";

    private readonly AppConfig _config;

    public ConfigSelfTestCheck(AppConfig config) => _config = config;

    public string Name => CheckName;

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var hint = _config.Warnings.Count == 0 ? null : string.Join(Environment.NewLine, _config.Warnings);
        var warnings = _config.Warnings.Count switch
        {
            0 => "",
            1 => " (1 warning)",
            var n => $" ({n} warnings)",
        };
        return Task.FromResult(SelfTestResult.Pass($"valid: {_config.FilePath}{warnings}", hint));
    }

    /// <summary>The row shown when app.config could not be loaded.</summary>
    public static SelfTestResult Failed(ConfigurationException e) => SelfTestResult.Fail(
        e.Problems.Count == 1 ? e.Message : string.Join(Environment.NewLine, e.Problems),
        "Fix app.config; `fn-aws-guardduty config` prints a commented template with every key.");
}
