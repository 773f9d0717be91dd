using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.Metrics;

namespace Fn.AwsGuardDuty.GuardDuty.Credentials;

/// <summary>Who the GuardDuty credentials are: STS GetCallerIdentity signed with the factory's own credentials, at the same STS endpoint (aws_gd_sts_endpoint_url), FIPS choice and proxy as AssumeRole.</summary>
public sealed record AwsCallerIdentity(string Account, string Arn, string Source)
{
    private const string Operation = "GetCallerIdentity";

    public static async Task<AwsCallerIdentity> GetAsync(GuardDutyClientFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var sts = new AmazonSecurityTokenServiceClient(factory.Credentials.Credentials, StsAssumeRoleCredentials.BuildConfig(factory.Options));
        GetCallerIdentityResponse response;
        try
        {
            response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            factory.Counters.Completed.Add(Operation, AwsCallOutcome.Of(e));
            throw;
        }

        factory.Counters.Completed.Add(Operation, MetricOutcomes.Ok);
        return new AwsCallerIdentity(response.Account ?? "?", response.Arn ?? "?", factory.Credentials.Source);
    }
}
