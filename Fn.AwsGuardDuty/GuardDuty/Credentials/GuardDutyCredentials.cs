using Amazon.Runtime;

namespace Fn.AwsGuardDuty.GuardDuty.Credentials;

/// <summary>The credentials every GuardDuty, EC2 and STS call signs with, and a secret-free description of where they came from.</summary>
/// <param name="Credentials">Resolved on every signed request, so refreshing credential types keep working.</param>
/// <param name="Source">E.g. "static keys", "profile 'audit'", "default chain (EnvironmentVariablesAWSCredentials)".</param>
public sealed record GuardDutyCredentials(AWSCredentials Credentials, string Source);
