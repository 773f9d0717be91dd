using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Fn.AwsGuardDuty.GuardDuty;

namespace Fn.AwsGuardDuty.GuardDuty.Credentials;

/// <summary>Who the GuardDuty credentials are: STS GetCallerIdentity signed with the factory's own credentials, at the same STS endpoint (aws_gd_sts_endpoint_url), FIPS choice and proxy as AssumeRole.</summary>
public sealed record AwsCallerIdentity(string Account, string Arn, string Source)
{
    public static async Task<AwsCallerIdentity> GetAsync(GuardDutyClientFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var sts = new AmazonSecurityTokenServiceClient(factory.Credentials.Credentials, StsAssumeRoleCredentials.BuildConfig(factory.Options));
        var response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        return new AwsCallerIdentity(response.Account ?? "?", response.Arn ?? "?", factory.Credentials.Source);
    }
}
