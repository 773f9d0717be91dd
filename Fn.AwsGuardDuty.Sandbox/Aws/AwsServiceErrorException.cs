namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// An error as a rest-json AWS service sends it: HTTP status, the error code in <c>x-amzn-ErrorType</c>, and a body
/// <c>{"message","__type"}</c>. <see cref="SubType"/> is the body's <c>__type</c> (GuardDuty puts a sub-type there,
/// e.g. <c>InvalidInputException</c> under a <c>BadRequestException</c>); null leaves <c>__type</c> out, as
/// API Gateway does for throttling and authentication errors.
/// </summary>
public sealed class AwsServiceErrorException(int statusCode, string errorType, string message, string? subType) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorType { get; } = errorType;

    public string? SubType { get; } = subType;
}
