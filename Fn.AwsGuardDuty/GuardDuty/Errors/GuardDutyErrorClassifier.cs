using System.Collections.Frozen;
using System.Net;

namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>Maps an error code and HTTP status to a kind and decides whether it is worth another attempt (wire spec §6.4).</summary>
public static class GuardDutyErrorClassifier
{
    /// <summary>The throttling codes AWSSDK.Core and botocore retry whatever the status.</summary>
    public static readonly FrozenSet<string> ThrottlingCodes = new[]
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Transient codes that are retried although they are not throttling.</summary>
    public static readonly FrozenSet<string> TransientCodes = new[]
    {
        "RequestTimeout", "RequestTimeoutException",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AuthenticationCodes = new[]
    {
        "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken",
        "MissingAuthenticationTokenException", "IncompleteSignatureException", "InvalidClientTokenId",
        "AuthFailure", "SignatureDoesNotMatch", "InvalidAccessKeyId",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotSubscribedCodes = new[]
    {
        "SubscriptionRequiredException", "OptInRequired", "NotSubscribedException",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AccessDeniedCodes = new[]
    {
        "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException", "ForbiddenException",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static GuardDutyErrorKind KindOf(HttpStatusCode status, string errorCode)
    {
        if (ThrottlingCodes.Contains(errorCode) || status == HttpStatusCode.TooManyRequests) return GuardDutyErrorKind.Throttling;
        if (AuthenticationCodes.Contains(errorCode)) return GuardDutyErrorKind.Authentication;
        if (NotSubscribedCodes.Contains(errorCode)) return GuardDutyErrorKind.NotSubscribed;
        if (AccessDeniedCodes.Contains(errorCode)) return GuardDutyErrorKind.AccessDenied;
        if (errorCode == "BadRequestException") return GuardDutyErrorKind.BadRequest;
        if (errorCode == "InternalServerErrorException" || (int)status >= 500) return GuardDutyErrorKind.InternalServerError;
        return status switch
        {
            HttpStatusCode.BadRequest => GuardDutyErrorKind.BadRequest,
            HttpStatusCode.Forbidden => GuardDutyErrorKind.AccessDenied,
            HttpStatusCode.Unauthorized => GuardDutyErrorKind.Authentication,
            _ => GuardDutyErrorKind.Other,
        };
    }

    /// <summary>429, 500, 502, 503, 504, a throttling code or a transient code (any status). Never 400/403.</summary>
    public static bool IsRetryable(HttpStatusCode status, string errorCode) =>
        ThrottlingCodes.Contains(errorCode) || TransientCodes.Contains(errorCode) || status is HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    /// <summary>True for errors that back off with the (longer) throttling base delay.</summary>
    public static bool IsThrottling(HttpStatusCode status, string errorCode) =>
        ThrottlingCodes.Contains(errorCode) || status == HttpStatusCode.TooManyRequests;
}
