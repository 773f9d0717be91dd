namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>What kind of service error a <see cref="GuardDutyServiceException"/> is, derived from its code and status.</summary>
public enum GuardDutyErrorKind
{
    /// <summary>Any other error.</summary>
    Other,

    /// <summary>400 <c>BadRequestException</c> (invalid input, unknown or foreign id).</summary>
    BadRequest,

    /// <summary>403 <c>AccessDeniedException</c> (IAM deny) and other permission refusals.</summary>
    AccessDenied,

    /// <summary>Credentials refused: <c>UnrecognizedClientException</c>, <c>InvalidSignatureException</c>, <c>ExpiredTokenException</c>…</summary>
    Authentication,

    /// <summary>The account is not subscribed to GuardDuty in that region (<c>SubscriptionRequiredException</c>, opt-in region).</summary>
    NotSubscribed,

    /// <summary>500 <c>InternalServerErrorException</c> and other 5xx.</summary>
    InternalServerError,

    /// <summary>429 or one of the SDKs' throttling codes.</summary>
    Throttling,
}
