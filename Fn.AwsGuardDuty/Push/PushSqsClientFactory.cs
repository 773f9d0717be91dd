using Amazon;
using Amazon.SQS;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Http;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// Builds the AWSSDK.SQS client for the push queue with the GuardDuty settings' credentials, proxy, FIPS, retries
/// (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE) and trusted CAs (AWS_CA_BUNDLE).
/// Requests are signed for the queue URL's region, also at an endpoint override (which AWSSDK.SQS would otherwise sign
/// for us-east-1).
/// </summary>
public static class PushSqsClientFactory
{
    /// <summary>Time an HTTP attempt may take beyond the long-poll wait before it counts as hung.</summary>
    private static readonly TimeSpan LongPollMargin = TimeSpan.FromSeconds(10);

    public static AmazonSQSClient Create(PushOptions push, GuardDutyClientOptions guardDuty, GuardDutyCredentials credentials) =>
        new(credentials.Credentials, CreateConfig(push, guardDuty));

    public static AmazonSQSConfig CreateConfig(PushOptions push, GuardDutyClientOptions guardDuty)
    {
        ArgumentNullException.ThrowIfNull(push);
        ArgumentNullException.ThrowIfNull(guardDuty);
        var attempt = guardDuty.PerTryTimeout > push.WaitTime + LongPollMargin ? guardDuty.PerTryTimeout : push.WaitTime + LongPollMargin;
        var config = new AmazonSQSConfig { Timeout = attempt };
        AwsSdkClientSettings.Apply(config, guardDuty);
        if (push.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = push.Queue.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(push.Queue.Region);
            config.UseFIPSEndpoint = guardDuty.UseFips;
        }

        return config;
    }
}
