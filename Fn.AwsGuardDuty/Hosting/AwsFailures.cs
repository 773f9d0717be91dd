using Amazon.Runtime;
using Fn.AwsGuardDuty.GuardDuty.Errors;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>Says what an AWS credentials or STS failure means and which <c>[fn_aws_guardduty]</c> keys to check.</summary>
public static class AwsFailures
{
    private const string CredentialKeys =
        "set aws_gd_access_key_id/aws_gd_secret_access_key (and aws_gd_session_token for temporary keys) or aws_gd_profile in [fn_aws_guardduty], or give the host an instance or container role";

    public static FailureDescription Describe(Exception error) => error switch
    {
        GuardDutyCredentialsException e when e.Message.StartsWith("AssumeRole", StringComparison.Ordinal) => new(e.Message,
            "check aws_gd_role_arn and aws_gd_role_external_id, and that the role's trust policy lets these credentials assume it"),
        GuardDutyCredentialsException e => new(e.Message, CredentialKeys),
        AmazonServiceException e when e.ErrorCode is "InvalidClientTokenId" or "SignatureDoesNotMatch" or "UnrecognizedClientException"
            or "ExpiredToken" or "ExpiredTokenException" => new($"AWS refused the credentials (STS {e.ErrorCode}: {e.Message})",
            "the access key is unknown, the secret is wrong, or the session token expired: " + CredentialKeys),
        AmazonServiceException e => new($"STS GetCallerIdentity failed ({(int)e.StatusCode} {e.ErrorCode}: {e.Message})",
            "check the credentials and aws_gd_sts_endpoint_url in [fn_aws_guardduty]"),
        AmazonClientException e => new($"STS is not reachable ({e.Message})",
            "check aws_gd_sts_endpoint_url, aws_gd_master_region and the proxy settings (https_proxy) in [fn_aws_guardduty], and the network path"),
        ArgumentException e => new(e.Message, "fix that key in [fn_aws_guardduty]"),
        _ => new($"AWS credentials could not be checked ({error.GetType().Name}: {error.Message})", CredentialKeys),
    };
}
