namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// One row of <c>fn-aws-guardduty selftest</c>. Register implementations in
/// <see cref="SelfTestRegistration.AddSelfTestChecks"/> (<c>services.AddSingleton&lt;ISelfTestCheck, MyCheck&gt;()</c>);
/// rows run in registration order, each bounded by <c>selftest_timeout</c>. An exception counts as a failure.
/// </summary>
public interface ISelfTestCheck
{
    /// <summary>Short row name, e.g. "SOAR REST", "STOMP", "AWS GuardDuty".</summary>
    string Name { get; }

    Task<SelfTestResult> RunAsync(CancellationToken cancellationToken);
}
