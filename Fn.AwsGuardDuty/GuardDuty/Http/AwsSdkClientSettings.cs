using Amazon.Runtime;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// What every AWSSDK client of the app (EC2 DescribeRegions, STS, SQS) shares with the GuardDuty transport: attempts
/// (aws_gd_max_retries or AWS_MAX_ATTEMPTS), retry mode (AWS_RETRY_MODE), proxy and trusted CAs (AWS_CA_BUNDLE). The
/// endpoint and FIPS choice are set by each caller from the configuration, which read the AWS variables once; the SDK is
/// told not to read the endpoint variables again on its own.
/// </summary>
public static class AwsSdkClientSettings
{
    public static void Apply(ClientConfig config, GuardDutyClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        config.MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1);
        // AWSSDK v4 has no legacy mode any more: legacy runs as standard there (the GuardDuty transport keeps its own).
        if (options.RetryMode is { } mode)
        {
            config.RetryMode = mode == AwsRetryMode.Adaptive ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
        }

        config.IgnoreConfiguredEndpointUrls = true;
        if (options.CaBundle is not null)
        {
            // The SDK's own handler has no custom-root hook; the factory builds one that has, with the proxy on it.
            config.HttpClientFactory = new AwsSdkHttpClientFactory(options);
        }
        else if (SchemeProxy.FromOptions(options) is { } proxy)
        {
            config.SetWebProxy(proxy);
        }
    }
}
