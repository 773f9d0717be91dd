namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The AWS services this app calls, each with the identifier the SDKs put in <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>
/// (the service id in upper case, spaces as underscores).
/// </summary>
public enum AwsService
{
    GuardDuty,
    Ec2,
    Sts,
    Sqs,
}
