namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>An EC2 query-protocol error: HTTP status plus <c>Code</c> and <c>Message</c> in the XML error body.</summary>
public sealed class Ec2ErrorException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;
}
