namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>What an injected fault does; each protocol renders it with its own status and error code.</summary>
public enum FaultKind
{
    /// <summary>rest-json: 429 TooManyRequestsException. EC2: 503 RequestLimitExceeded.</summary>
    Throttle,

    /// <summary>rest-json: 500 InternalServerErrorException. EC2: 500 InternalError.</summary>
    InternalError,

    /// <summary>rest-json: 403 AccessDeniedException. EC2: 403 UnauthorizedOperation.</summary>
    AccessDenied,
}
