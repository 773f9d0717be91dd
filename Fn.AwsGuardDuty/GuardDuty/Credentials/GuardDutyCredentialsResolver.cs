using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.GuardDuty.Credentials;

/// <summary>
/// Picks the credentials, first match wins: static keys (+ session token); the named profile; the AWS default chain
/// (environment, web identity, AWS_PROFILE/default profile incl. SSO, ECS/EKS container, EC2 IMDS). Any of them may then
/// be wrapped in an STS AssumeRole when a role ARN is configured.
/// </summary>
public static class GuardDutyCredentialsResolver
{
    public static async Task<GuardDutyCredentials> ResolveAsync(
        GuardDutyClientOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        var logger = loggerFactory.CreateLogger(typeof(GuardDutyCredentialsResolver).FullName!);
        var base_ = await ResolveBaseAsync(options, cancellationToken).ConfigureAwait(false);
        var resolved = base_;
        if (!string.IsNullOrWhiteSpace(options.RoleArn))
        {
            var role = new StsAssumeRoleCredentials(base_.Credentials, options, loggerFactory.CreateLogger<StsAssumeRoleCredentials>());
            resolved = new GuardDutyCredentials(role, $"{base_.Source}, assuming role {options.RoleArn!.Trim()}");
        }
        logger.LogInformation("AWS credentials: {Source}", resolved.Source);
        return resolved;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

    private static async Task<GuardDutyCredentials> ResolveBaseAsync(GuardDutyClientOptions options, CancellationToken ct)
    {
        if (options.HasStaticKeys)
        {
            var key = options.AccessKeyId!.Trim();
            var secret = options.SecretAccessKey!.Trim();
            return string.IsNullOrWhiteSpace(options.SessionToken)
                ? new GuardDutyCredentials(new BasicAWSCredentials(key, secret), "static keys")
                : new GuardDutyCredentials(new SessionAWSCredentials(key, secret, options.SessionToken.Trim()),
                    "static keys with session token");
        }

        // AWS_PROFILE is honoured here rather than left to the SDK chain when no keys are in the environment: the SDK
        // fixes the shared-file locations once per process, this reads AWS_SHARED_CREDENTIALS_FILE when resolving.
        var profile = !string.IsNullOrWhiteSpace(options.Profile) ? options.Profile.Trim()
            : string.IsNullOrWhiteSpace(Env("AWS_ACCESS_KEY_ID")) && !string.IsNullOrWhiteSpace(Env("AWS_PROFILE")) ? Env("AWS_PROFILE")!.Trim()
            : null;
        if (profile is not null)
        {
            var key = string.IsNullOrWhiteSpace(options.Profile) ? "AWS_PROFILE" : "aws_gd_profile";
            AWSCredentials? fromProfile;
            try
            {
                var file = Env("AWS_SHARED_CREDENTIALS_FILE");
                var chain = string.IsNullOrWhiteSpace(file) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(file.Trim());
                if (!chain.TryGetAWSCredentials(profile, out fromProfile))
                    fromProfile = null;
            }
            catch (Exception e) when (e is AmazonClientException or InvalidDataException or IOException)
            {
                throw new GuardDutyCredentialsException($"{key} '{profile}' could not be loaded: {e.GetType().Name}.", e);
            }
            return fromProfile is null
                ? throw new GuardDutyCredentialsException($"{key} '{profile}' was not found in the shared credentials or config file.")
                : new GuardDutyCredentials(fromProfile, $"profile '{profile}' ({fromProfile.GetType().Name})");
        }

        try
        {
            // A resolver per factory, not the static one: its cache must not outlive our own configuration.
            var chain = await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, ct).ConfigureAwait(false);
            return new GuardDutyCredentials(chain, $"default chain ({chain.GetType().Name})");
        }
        catch (AmazonClientException e)
        {
            throw new GuardDutyCredentialsException(
                "No AWS credentials: set aws_gd_access_key_id/aws_gd_secret_access_key or aws_gd_profile, or provide them " +
                "through the environment, a shared profile, SSO, or a container/instance role.", e);
        }
    }
}
