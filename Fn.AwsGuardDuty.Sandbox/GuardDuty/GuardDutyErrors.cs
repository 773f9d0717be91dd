using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>
/// GuardDuty's errors as the real service sends them (guardduty-wire.md §6): the code in <c>x-amzn-ErrorType</c>,
/// a sub-type in the body's <c>__type</c>, and the service's own sentences.
/// </summary>
public static class GuardDutyErrors
{
    public const string OutOfRangeMessage = "The request is rejected because an invalid or out-of-range value is specified as an input parameter.";

    public static AwsServiceErrorException BadRequest(string message) =>
        new(400, "BadRequestException", message, "InvalidInputException");

    /// <summary>A member that is malformed, of the wrong type, not in its enum, or missing when required.</summary>
    public static AwsServiceErrorException InvalidParameter(string member) =>
        BadRequest($"The request is rejected because the parameter {member} has an invalid value.");

    /// <summary>A value outside the model's range (e.g. maxResults 51, more than 50 finding ids).</summary>
    public static AwsServiceErrorException OutOfRange() => BadRequest(OutOfRangeMessage);

    public static AwsServiceErrorException DetectorNotOwned() =>
        BadRequest("The request is rejected because the input detectorId is not owned by the current account.");

    public static AwsServiceErrorException NoSuchResource() =>
        BadRequest("The request is rejected since no such resource found.");

    /// <summary>The 404 the newer operations (e.g. GetMalwareScan) list in the model.</summary>
    public static AwsServiceErrorException ResourceNotFound(string message) =>
        new(404, "ResourceNotFoundException", message, "ResourceNotFoundException");

    public static AwsServiceErrorException InternalError() =>
        new(500, "InternalServerErrorException", "The request is rejected since an internal exception was encountered.", "InternalException");

    public static AwsServiceErrorException AccessDenied(string message) =>
        new(403, "AccessDeniedException", message, "AccessDeniedException");

    /// <summary>API Gateway's default throttled answer: no <c>__type</c>.</summary>
    public static AwsServiceErrorException TooManyRequests() =>
        new(429, "TooManyRequestsException", "Too Many Requests", null);

    /// <summary>API Gateway's answer to a route it does not know, whatever the credentials.</summary>
    public static AwsServiceErrorException UnknownRoute() =>
        new(403, "MissingAuthenticationTokenException", "Missing Authentication Token", null);

    public static AwsServiceErrorException FromFault(FaultKind fault, string operation, string accountId, string region) => fault switch
    {
        FaultKind.Throttle => TooManyRequests(),
        FaultKind.InternalError => InternalError(),
        _ => AccessDenied(
            $"User: arn:aws:iam::{accountId}:user/emulator is not authorized to perform: guardduty:{operation} in region {region} with an explicit deny in a service control policy"),
    };
}
