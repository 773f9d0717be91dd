namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>A request failed authentication. The message is safe to return: it never holds a secret.</summary>
public sealed class AwsAuthException(AwsAuthFailure failure, string message) : Exception(message)
{
    public AwsAuthFailure Failure { get; } = failure;
}
