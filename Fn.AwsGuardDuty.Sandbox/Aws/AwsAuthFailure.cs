namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Why a request's authentication was refused; each protocol maps it to its own error code.</summary>
public enum AwsAuthFailure
{
    MissingAuthentication,
    IncompleteSignature,
    UnknownAccessKey,
    InvalidSessionToken,
    SignatureMismatch,
    SignatureExpired,
    InvalidScope,
}
