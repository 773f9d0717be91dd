namespace Fn.AwsGuardDuty.Hosting;

/// <summary><c>run</c> could not start (SOAR login, AWS credentials). The message is the one line to print; it holds no secret.</summary>
public sealed class AppStartupException(FailureDescription failure, Exception? inner = null) : Exception(failure.OneLine, inner)
{
    public FailureDescription Failure { get; } = failure;
}
