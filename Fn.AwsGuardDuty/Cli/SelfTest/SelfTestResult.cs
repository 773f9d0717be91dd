namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>The outcome of one selftest row. Messages and hints must never contain a secret.</summary>
/// <param name="Status">Pass, fail or skipped.</param>
/// <param name="Message">What was found, in one line.</param>
/// <param name="Hint">What to do about it, or null.</param>
public sealed record SelfTestResult(SelfTestStatus Status, string Message, string? Hint = null)
{
    public static SelfTestResult Pass(string message, string? hint = null) => new(SelfTestStatus.Pass, message, hint);

    public static SelfTestResult Fail(string message, string? hint = null) => new(SelfTestStatus.Fail, message, hint);

    public static SelfTestResult Skipped(string message, string? hint = null) => new(SelfTestStatus.Skipped, message, hint);
}
