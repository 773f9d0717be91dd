using System.Net;

namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>An error response from GuardDuty (or from the API Gateway in front of it).</summary>
public sealed class GuardDutyServiceException : GuardDutyException
{
    public GuardDutyServiceException(
        string operation, string region, HttpStatusCode statusCode, string errorCode, string? errorSubType,
        string serviceMessage, string? requestId)
        : base(Describe(operation, region, statusCode, errorCode, errorSubType, serviceMessage, requestId))
    {
        Operation = operation;
        Region = region;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorSubType = errorSubType;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        Kind = GuardDutyErrorClassifier.KindOf(statusCode, errorCode);
    }

    /// <summary>The operation called, e.g. <c>ListFindings</c>.</summary>
    public string Operation { get; }

    /// <summary>The region the call was signed for.</summary>
    public string Region { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>From <c>x-amzn-ErrorType</c> (before any ':'), else body <c>__type</c>/<c>code</c>, else the HTTP status.</summary>
    public string ErrorCode { get; }

    /// <summary>Body <c>__type</c>, e.g. <c>InvalidInputException</c> under a <c>BadRequestException</c>.</summary>
    public string? ErrorSubType { get; }

    /// <summary>The service's own message (from <c>x-amzn-ErrorMessage</c> or the body's <c>message</c>).</summary>
    public string ServiceMessage { get; }

    /// <summary>From <c>x-amzn-RequestId</c>.</summary>
    public string? RequestId { get; }

    public GuardDutyErrorKind Kind { get; }

    /// <summary>True when the retry policy would try again (throttling, 5xx, request timeouts).</summary>
    public bool IsRetryable => GuardDutyErrorClassifier.IsRetryable(StatusCode, ErrorCode);

    /// <summary>True when the error says GuardDuty cannot be used in that region with these credentials.</summary>
    public bool MeansRegionUnavailable => Kind is GuardDutyErrorKind.AccessDenied or GuardDutyErrorKind.Authentication
        or GuardDutyErrorKind.NotSubscribed;

    private static string Describe(string operation, string region, HttpStatusCode status, string code, string? subType,
        string message, string? requestId)
    {
        var sub = string.IsNullOrEmpty(subType) || subType == code ? "" : $"/{subType}";
        var id = string.IsNullOrEmpty(requestId) ? "" : $" (request id {requestId})";
        return $"GuardDuty {operation} in {region} failed: {(int)status} {code}{sub}: {message}{id}";
    }
}
