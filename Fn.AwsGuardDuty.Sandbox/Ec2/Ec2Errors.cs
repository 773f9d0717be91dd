using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>EC2's own error codes for auth failures and injected faults (EC2 does not use x-amzn-ErrorType).</summary>
public static class Ec2Errors
{
    public static Ec2ErrorException FromAuthFailure(AwsAuthException failure) => failure.Failure switch
    {
        AwsAuthFailure.MissingAuthentication => new Ec2ErrorException(401, "MissingAuthenticationToken", "Request is missing Authentication Token"),
        AwsAuthFailure.IncompleteSignature => new Ec2ErrorException(400, "IncompleteSignature", failure.Message),
        AwsAuthFailure.UnknownAccessKey or AwsAuthFailure.InvalidSessionToken =>
            new Ec2ErrorException(401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
        AwsAuthFailure.SignatureExpired => new Ec2ErrorException(400, "RequestExpired", failure.Message),
        _ => new Ec2ErrorException(403, "SignatureDoesNotMatch", failure.Message),
    };

    public static Ec2ErrorException FromFault(FaultKind fault) => fault switch
    {
        FaultKind.Throttle => new Ec2ErrorException(503, "RequestLimitExceeded", "Request limit exceeded."),
        FaultKind.InternalError => new Ec2ErrorException(500, "InternalError", "An internal error has occurred"),
        _ => new Ec2ErrorException(403, "UnauthorizedOperation", "You are not authorized to perform this operation."),
    };

    public static Ec2ErrorException InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);
}
